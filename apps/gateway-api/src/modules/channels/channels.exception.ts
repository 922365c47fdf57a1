import {
  AppException,
  type ErrorKind,
  type FieldProblem,
  invalidFieldsMessage,
} from '@cxgenie/contracts';

export enum ChannelsExceptionCode {
  /** Credentials or settings that do not fit the channel type's schema (after any merge). */
  CONFIGURATION_INVALID = 'CONFIGURATION_INVALID',
  /** Also the answer for another workspace's bot: channels never link across tenants. */
  BOT_NOT_FOUND = 'BOT_NOT_FOUND',
  /** Platforms route by page, number or bot: one account can feed only one live channel. */
  EXTERNAL_ID_TAKEN = 'EXTERNAL_ID_TAKEN',
  /** Mail is routed by address: an address belongs to one live channel of the platform. */
  ADDRESS_TAKEN = 'ADDRESS_TAKEN',
  /** A tenant database could not be searched for the address: refused rather than risked. */
  ADDRESSES_UNCHECKABLE = 'ADDRESSES_UNCHECKABLE',
}

const KINDS: Record<ChannelsExceptionCode, ErrorKind> = {
  CONFIGURATION_INVALID: 'invalid',
  BOT_NOT_FOUND: 'unprocessable',
  EXTERNAL_ID_TAKEN: 'conflict',
  ADDRESS_TAKEN: 'conflict',
  ADDRESSES_UNCHECKABLE: 'unavailable',
};

export class ChannelsException extends AppException<ChannelsExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static configurationInvalid(problems: FieldProblem[]): ChannelsException {
    return new ChannelsException(
      ChannelsExceptionCode.CONFIGURATION_INVALID,
      invalidFieldsMessage(problems),
      problems,
    );
  }

  static botNotFound(): ChannelsException {
    return new ChannelsException(
      ChannelsExceptionCode.BOT_NOT_FOUND,
      'The bot does not exist in this workspace',
      [{ field: 'botId', message: 'does not name a bot of this workspace' }],
    );
  }

  static externalIdTaken(): ChannelsException {
    return new ChannelsException(
      ChannelsExceptionCode.EXTERNAL_ID_TAKEN,
      'This account is already connected to another channel',
      [{ field: 'externalId', message: 'is already connected for this channel type' }],
    );
  }

  static addressesTaken(addresses: string[]): ChannelsException {
    return new ChannelsException(
      ChannelsExceptionCode.ADDRESS_TAKEN,
      `Already used by another channel: ${addresses.join(', ')}`,
      [
        {
          field: 'settings.addresses',
          message: `${addresses.join(', ')} already used by another channel`,
        },
      ],
    );
  }

  static addressesUncheckable(): ChannelsException {
    return new ChannelsException(
      ChannelsExceptionCode.ADDRESSES_UNCHECKABLE,
      'The addresses could not be checked against every workspace just now; nothing was saved. Try again shortly.',
      [{ field: 'settings.addresses', message: 'could not be checked for other channels' }],
    );
  }
}
