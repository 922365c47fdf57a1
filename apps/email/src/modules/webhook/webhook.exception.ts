import { AppException, type ErrorKind, notFoundMessage } from '@cxgenie/contracts';

export enum WebhookExceptionCode {
  /** Not a UUID, no such channel, deleted, or not an email channel. */
  CHANNEL_NOT_FOUND = 'CHANNEL_NOT_FOUND',
  /** No secret presented: nothing was read past the check. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** A secret that is not the channel's. */
  BAD_SECRET = 'BAD_SECRET',
  /** No raw MIME message in the body (wrong field, empty body). */
  NO_MESSAGE = 'NO_MESSAGE',
  /** Over the message size limit. */
  TOO_LARGE = 'TOO_LARGE',
  /** A message nothing can be done with (kept raw, with the reason). */
  UNREADABLE = 'UNREADABLE',
}

const KINDS: Record<WebhookExceptionCode, ErrorKind> = {
  CHANNEL_NOT_FOUND: 'not_found',
  UNAUTHENTICATED: 'unauthorized',
  BAD_SECRET: 'forbidden',
  NO_MESSAGE: 'invalid',
  TOO_LARGE: 'too_large',
  UNREADABLE: 'unprocessable',
};

export class WebhookException extends AppException<WebhookExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static channelNotFound(): WebhookException {
    return new WebhookException(WebhookExceptionCode.CHANNEL_NOT_FOUND, notFoundMessage('Channel'));
  }

  static unauthenticated(): WebhookException {
    return new WebhookException(
      WebhookExceptionCode.UNAUTHENTICATED,
      "The channel's webhook secret is required (Authorization: Bearer <secret>, or as the basic-auth password)",
    );
  }

  static badSecret(): WebhookException {
    return new WebhookException(
      WebhookExceptionCode.BAD_SECRET,
      "Not the channel's webhook secret",
    );
  }

  static noMessage(): WebhookException {
    return new WebhookException(
      WebhookExceptionCode.NO_MESSAGE,
      'No raw MIME message: send it as the body (message/rfc822) or as the multipart field "email" or "body-mime"',
      [{ field: 'body', message: 'must hold a raw MIME message' }],
    );
  }

  static tooLarge(limit: number): WebhookException {
    return new WebhookException(
      WebhookExceptionCode.TOO_LARGE,
      `The message is larger than ${limit} bytes`,
      [{ field: 'body', message: `must be at most ${limit} bytes` }],
    );
  }

  static unreadable(reason: string): WebhookException {
    return new WebhookException(WebhookExceptionCode.UNREADABLE, `Message refused: ${reason}`, [
      { field: 'body', message: reason },
    ]);
  }
}
