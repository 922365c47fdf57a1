import {
  ATTACHMENT_CHANNELS,
  AppException,
  type ErrorKind,
  notFoundMessage,
} from '@cxgenie/contracts';

export enum ConversationsExceptionCode {
  CONVERSATION_NOT_FOUND = 'CONVERSATION_NOT_FOUND',
  /** The conversation's state does not allow the action (see CONVERSATION_TRANSITIONS). */
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  CSAT_ALREADY_SUBMITTED = 'CSAT_ALREADY_SUBMITTED',
  CSAT_NOT_CLOSED = 'CSAT_NOT_CLOSED',
  CSAT_NOT_ASKED = 'CSAT_NOT_ASKED',
  CSAT_EXPIRED = 'CSAT_EXPIRED',
  /** Files on a reply to a channel that cannot carry them (see ATTACHMENT_CHANNELS). */
  ATTACHMENTS_NOT_CARRIED = 'ATTACHMENTS_NOT_CARRIED',
}

const KINDS: Record<ConversationsExceptionCode, ErrorKind> = {
  CONVERSATION_NOT_FOUND: 'not_found',
  ILLEGAL_TRANSITION: 'conflict',
  CSAT_ALREADY_SUBMITTED: 'conflict',
  CSAT_NOT_CLOSED: 'conflict',
  CSAT_NOT_ASKED: 'conflict',
  CSAT_EXPIRED: 'conflict',
  ATTACHMENTS_NOT_CARRIED: 'unprocessable',
};

/** What the conversation owner refuses, whichever transport asked. */
export class ConversationsException extends AppException<ConversationsExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static notFound(): ConversationsException {
    return new ConversationsException(
      ConversationsExceptionCode.CONVERSATION_NOT_FOUND,
      notFoundMessage('Conversation'),
    );
  }

  static attachmentsNotCarried(channelType: string): ConversationsException {
    return new ConversationsException(
      ConversationsExceptionCode.ATTACHMENTS_NOT_CARRIED,
      `This conversation is on ${channelType}, which cannot carry files from agents yet (only ${ATTACHMENT_CHANNELS.join(', ')}). Nothing was sent.`,
      [{ field: 'files', message: `cannot be sent on a ${channelType} conversation` }],
    );
  }
}
