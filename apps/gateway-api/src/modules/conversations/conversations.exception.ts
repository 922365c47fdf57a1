import { AppException, type ErrorKind } from '@cxgenie/contracts';

export enum GatewayConversationsExceptionCode {
  /** Replies, take-overs and reopening are done by a person: an API key has nobody to assign. */
  MEMBER_REQUIRED = 'MEMBER_REQUIRED',
  /** The widget has no active web channel for its bot any more. */
  WEB_CHANNEL_NOT_FOUND = 'WEB_CHANNEL_NOT_FOUND',
}

const KINDS: Record<GatewayConversationsExceptionCode, ErrorKind> = {
  MEMBER_REQUIRED: 'forbidden',
  WEB_CHANNEL_NOT_FOUND: 'not_found',
};

/**
 * What the conversation routes refuse before the conversation owner is asked (its own refusals
 * are `ConversationsException`s from libs/conversations).
 */
export class GatewayConversationsException extends AppException<GatewayConversationsExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static memberRequired(action: string): GatewayConversationsException {
    return new GatewayConversationsException(
      GatewayConversationsExceptionCode.MEMBER_REQUIRED,
      `Only a workspace member can ${action}; an API key cannot`,
    );
  }
}
