import { AppException, type ErrorKind, notFoundMessage } from '@cxgenie/contracts';

export enum WebhooksExceptionCode {
  /** Unknown platform, unknown or deleted channel, or a channel of another platform. */
  CHANNEL_NOT_FOUND = 'CHANNEL_NOT_FOUND',
  /** No signature or secret token: nothing was read past the check. */
  UNSIGNED = 'UNSIGNED',
  /** A signature or secret token that does not match. */
  BAD_SIGNATURE = 'BAD_SIGNATURE',
  /** Malformed JSON or a payload of the wrong shape; the reason names what is wrong. */
  PAYLOAD_INVALID = 'PAYLOAD_INVALID',
  /** A GET that is not the platform's subscription handshake. */
  NOT_A_HANDSHAKE = 'NOT_A_HANDSHAKE',
}

const KINDS: Record<WebhooksExceptionCode, ErrorKind> = {
  CHANNEL_NOT_FOUND: 'not_found',
  UNSIGNED: 'unauthorized',
  BAD_SIGNATURE: 'forbidden',
  PAYLOAD_INVALID: 'invalid',
  NOT_A_HANDSHAKE: 'invalid',
};

export class WebhooksException extends AppException<WebhooksExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static channelNotFound(): WebhooksException {
    return new WebhooksException(
      WebhooksExceptionCode.CHANNEL_NOT_FOUND,
      notFoundMessage('Channel'),
    );
  }

  /** A missing (401) or wrong (403) signature, as the adapter's verification found it. */
  static rejected(status: 401 | 403, reason: string): WebhooksException {
    return new WebhooksException(
      status === 401 ? WebhooksExceptionCode.UNSIGNED : WebhooksExceptionCode.BAD_SIGNATURE,
      reason,
    );
  }

  static payloadInvalid(reason: string): WebhooksException {
    return new WebhooksException(WebhooksExceptionCode.PAYLOAD_INVALID, reason);
  }

  static notAHandshake(): WebhooksException {
    return new WebhooksException(
      WebhooksExceptionCode.NOT_A_HANDSHAKE,
      'Not a webhook subscription handshake; deliveries are POSTed',
    );
  }
}
