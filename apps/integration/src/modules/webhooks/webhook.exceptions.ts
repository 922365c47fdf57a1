import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';

/** Unknown platform, unknown or deleted channel, or a channel of another platform. */
export class WebhookChannelNotFoundException extends NotFoundException {
  constructor() {
    super('Channel not found');
  }
}

/** A missing (401) or wrong (403) signature: nothing was read past the signature check. */
export function webhookRejected(status: 401 | 403, reason: string): HttpException {
  return status === 401 ? new UnauthorizedException(reason) : new ForbiddenException(reason);
}

/** Malformed JSON or a payload of the wrong shape; the reason names what is wrong. */
export class WebhookPayloadInvalidException extends BadRequestException {
  constructor(reason: string) {
    super(reason);
  }
}

/** A GET that is not the platform's subscription handshake. */
export class NotAHandshakeException extends BadRequestException {
  constructor() {
    super('Not a webhook subscription handshake; deliveries are POSTed');
  }
}
