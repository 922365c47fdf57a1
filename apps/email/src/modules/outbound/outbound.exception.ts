import { AppException, type ErrorKind } from '@cxgenie/contracts';

export enum OutboundExceptionCode {
  /** The channel has no SMTP server and the platform has no relay: nothing can send its mail. */
  NO_SERVER = 'NO_SERVER',
  /** The customer has no address on the channel to write to. */
  NO_RECIPIENT = 'NO_RECIPIENT',
  /** The channel is gone (deleted since the message was written). */
  CHANNEL_GONE = 'CHANNEL_GONE',
}

const KINDS: Record<OutboundExceptionCode, ErrorKind> = {
  NO_SERVER: 'unprocessable',
  NO_RECIPIENT: 'unprocessable',
  CHANNEL_GONE: 'gone',
};

/** Why a message can never be sent as things are: it is failed for good with this message. */
export class OutboundException extends AppException<OutboundExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static noServer(): OutboundException {
    return new OutboundException(
      OutboundExceptionCode.NO_SERVER,
      'the channel has no SMTP server (settings.smtp) and the platform no relay (EMAIL_OUTBOUND_SMTP_URL)',
    );
  }

  static noRecipient(): OutboundException {
    return new OutboundException(
      OutboundExceptionCode.NO_RECIPIENT,
      'the customer has no address on this channel',
    );
  }

  static channelGone(): OutboundException {
    return new OutboundException(
      OutboundExceptionCode.CHANNEL_GONE,
      'the channel no longer exists',
    );
  }
}
