import { BadGatewayException, NotFoundException } from '@nestjs/common';

export class ConnectChannelNotFoundException extends NotFoundException {
  constructor() {
    super('Channel not found');
  }
}

/** The platform refused to register the webhook; its reason is passed on. */
export class PlatformRefusedConnectException extends BadGatewayException {
  constructor(platform: string, reason: string) {
    super(`${platform} refused to register the webhook: ${reason}`);
  }
}
