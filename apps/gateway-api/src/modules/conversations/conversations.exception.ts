import { AppException, type ErrorKind } from '@cxgenie/contracts';

export enum GatewayConversationsExceptionCode {
  /** Replies, take-overs and reopening are done by a person: an API key has nobody to assign. */
  MEMBER_REQUIRED = 'MEMBER_REQUIRED',
  /** The widget has no active web channel for its bot any more. */
  WEB_CHANNEL_NOT_FOUND = 'WEB_CHANNEL_NOT_FOUND',
  /** An agent's files: too many, too large, empty, of a refused type, or in the wrong field. */
  FILES_INVALID = 'FILES_INVALID',
  ATTACHMENT_NOT_FOUND = 'ATTACHMENT_NOT_FOUND',
}

const KINDS: Record<GatewayConversationsExceptionCode, ErrorKind> = {
  MEMBER_REQUIRED: 'forbidden',
  WEB_CHANNEL_NOT_FOUND: 'not_found',
  FILES_INVALID: 'invalid',
  ATTACHMENT_NOT_FOUND: 'not_found',
};

const NOTHING_SENT = 'Nothing was sent.';

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

  static tooManyFiles(max: number): GatewayConversationsException {
    return GatewayConversationsException.filesInvalid(
      `At most ${max} files can be attached to one reply. ${NOTHING_SENT}`,
      `must hold at most ${max} files`,
    );
  }

  /** Without a name when the parser stopped reading the file at the limit. */
  static fileTooLarge(name: string | null, maxBytes: number): GatewayConversationsException {
    const mb = Math.round(maxBytes / (1024 * 1024));
    const which = name === null ? 'A file' : `"${name}"`;
    return GatewayConversationsException.filesInvalid(
      `${which} is larger than the ${mb} MB limit for a file. ${NOTHING_SENT}`,
      `${name === null ? 'each file' : which} must be at most ${mb} MB`,
    );
  }

  static filesTooLargeTogether(maxBytes: number): GatewayConversationsException {
    const mb = Math.round(maxBytes / (1024 * 1024));
    return GatewayConversationsException.filesInvalid(
      `The files together are larger than ${mb} MB, more than a mail can carry reliably: send them in several replies. ${NOTHING_SENT}`,
      `must total at most ${mb} MB`,
    );
  }

  static fileEmpty(name: string): GatewayConversationsException {
    return GatewayConversationsException.filesInvalid(
      `"${name}" is empty. ${NOTHING_SENT}`,
      `"${name}" must not be empty`,
    );
  }

  static fileTypeRefused(name: string, type: string): GatewayConversationsException {
    return GatewayConversationsException.filesInvalid(
      `"${name}" is of type ${type || 'unknown'}, which cannot be sent: documents (PDF, Office, text, CSV), images (PNG, JPEG, GIF, WebP) and ZIP archives can. ${NOTHING_SENT}`,
      `"${name}" has a type that cannot be sent (${type || 'unknown'})`,
    );
  }

  static unexpectedFileField(field: string): GatewayConversationsException {
    return GatewayConversationsException.filesInvalid(
      `Send files in the "${field}" field only. ${NOTHING_SENT}`,
      'is the only field files may be sent in',
      field,
    );
  }

  static attachmentNotFound(): GatewayConversationsException {
    return new GatewayConversationsException(
      GatewayConversationsExceptionCode.ATTACHMENT_NOT_FOUND,
      'No such attachment in this workspace',
    );
  }

  private static filesInvalid(
    message: string,
    problem: string,
    field = 'files',
  ): GatewayConversationsException {
    return new GatewayConversationsException(
      GatewayConversationsExceptionCode.FILES_INVALID,
      message,
      [{ field, message: problem }],
    );
  }
}
