import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { ApiValidationException, type FieldProblem } from '@cxgenie/bootstrap';

/** Credentials or settings that do not fit the channel type's schema (after any merge). */
export class ChannelConfigurationInvalidException extends ApiValidationException {
  constructor(problems: FieldProblem[]) {
    super(problems);
  }
}

/** Also the answer for another workspace's bot: channels never link across tenants. */
export class ChannelBotNotFoundException extends UnprocessableEntityException {
  constructor() {
    super({
      message: 'The bot does not exist in this workspace',
      details: [{ field: 'botId', message: 'does not name a bot of this workspace' }],
    });
  }
}

/** Platforms route by page, number or bot: one account can feed only one live channel. */
export class ChannelExternalIdTakenException extends ConflictException {
  constructor() {
    super({
      message: 'This account is already connected to another channel',
      details: [{ field: 'externalId', message: 'is already connected for this channel type' }],
    });
  }
}
