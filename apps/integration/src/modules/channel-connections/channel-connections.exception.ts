import { AppException, type ErrorKind, notFoundMessage } from '@cxgenie/contracts';

export enum ChannelConnectionsExceptionCode {
  CHANNEL_NOT_FOUND = 'CHANNEL_NOT_FOUND',
  /** The platform refused to register the webhook; its reason is passed on. */
  PLATFORM_REFUSED = 'PLATFORM_REFUSED',
}

const KINDS: Record<ChannelConnectionsExceptionCode, ErrorKind> = {
  CHANNEL_NOT_FOUND: 'not_found',
  PLATFORM_REFUSED: 'upstream_failed',
};

export class ChannelConnectionsException extends AppException<ChannelConnectionsExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static channelNotFound(): ChannelConnectionsException {
    return new ChannelConnectionsException(
      ChannelConnectionsExceptionCode.CHANNEL_NOT_FOUND,
      notFoundMessage('Channel'),
    );
  }

  static platformRefused(platform: string, reason: string): ChannelConnectionsException {
    return new ChannelConnectionsException(
      ChannelConnectionsExceptionCode.PLATFORM_REFUSED,
      `${platform} refused to register the webhook: ${reason}`,
    );
  }
}
