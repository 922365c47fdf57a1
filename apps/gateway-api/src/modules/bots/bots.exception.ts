import { AppException, type ErrorKind, invalidFieldsMessage } from '@cxgenie/contracts';

export enum BotsExceptionCode {
  /** Checked on the bot as it will be stored, so a PATCH of either field alone cannot break it. */
  FALLBACK_MESSAGE_REQUIRED = 'FALLBACK_MESSAGE_REQUIRED',
}

const KINDS: Record<BotsExceptionCode, ErrorKind> = { FALLBACK_MESSAGE_REQUIRED: 'invalid' };

export class BotsException extends AppException<BotsExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static fallbackMessageRequired(): BotsException {
    const details = [
      {
        field: 'fallbackMessage',
        message: 'must not be blank when typeReplyUnknown is INPUT_ANSWER',
      },
    ];
    return new BotsException(
      BotsExceptionCode.FALLBACK_MESSAGE_REQUIRED,
      invalidFieldsMessage(details),
      details,
    );
  }
}
