import { ApiValidationException } from '@cxgenie/bootstrap';

/** Checked on the bot as it will be stored, so a PATCH of either field alone cannot break it. */
export class FallbackMessageRequiredException extends ApiValidationException {
  constructor() {
    super([
      {
        field: 'fallbackMessage',
        message: 'must not be blank when typeReplyUnknown is INPUT_ANSWER',
      },
    ]);
  }
}
