import { ConflictException, ForbiddenException } from '@nestjs/common';
import type { ConversationStatus } from '@cxgenie/contracts';

/** The conversation is not in a state the action applies to (closed, not closed…). */
export class ConversationStateConflictException extends ConflictException {
  /** `action` completes "reopen it before you …" (or "it cannot be …" when it is not closed). */
  constructor(action: string, status: ConversationStatus, message?: string) {
    super({
      message:
        message ??
        (status === 'closed'
          ? `The conversation is closed: reopen it before you ${action}`
          : `The conversation is ${status === 'bot' ? 'with the bot' : 'with an agent'} and not closed: it cannot be ${action}`),
      details: [{ field: 'status', message: `is ${status}` }],
    });
  }
}

/** Replies, take-overs and reopening are done by a person: an API key has nobody to assign. */
export class MemberRequiredException extends ForbiddenException {
  constructor(action: string) {
    super(`Only a workspace member can ${action}; an API key cannot`);
  }
}

export class CsatAlreadySubmittedException extends ConflictException {
  constructor() {
    super({
      message: 'This conversation has already been rated',
      details: [{ field: 'conversationId', message: 'is already rated' }],
    });
  }
}

const NOT_OPEN: Record<CsatNotOpenReason, [string, string]> = {
  not_closed: ['Only a closed conversation can be rated', 'is not closed'],
  not_asked: ['The customer was not asked to rate this conversation', 'was not asked for a rating'],
  expired: ['The time to rate this conversation has passed', 'can no longer be rated'],
};

export type CsatNotOpenReason = 'not_closed' | 'not_asked' | 'expired';

export class CsatNotOpenException extends ConflictException {
  constructor(reason: CsatNotOpenReason) {
    const [message, detail] = NOT_OPEN[reason];
    super({ message, details: [{ field: 'conversationId', message: detail }] });
  }
}
