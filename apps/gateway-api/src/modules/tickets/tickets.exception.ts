import { AppException, type ErrorKind, type FieldProblem } from '@cxgenie/contracts';

export enum TicketRoutesExceptionCode {
  /** Only a signed-in member can claim a ticket (an API key has nobody to assign). */
  CLAIM_REQUIRES_MEMBER = 'CLAIM_REQUIRES_MEMBER',
  ASSIGNEE_NOT_MEMBER = 'ASSIGNEE_NOT_MEMBER',
  /** Tickets are assigned to online or idle members only. */
  ASSIGNEE_OFFLINE = 'ASSIGNEE_OFFLINE',
  NOTHING_TO_CHANGE = 'NOTHING_TO_CHANGE',
  SLA_TARGETS_OUT_OF_ORDER = 'SLA_TARGETS_OUT_OF_ORDER',
}

const KINDS: Record<TicketRoutesExceptionCode, ErrorKind> = {
  CLAIM_REQUIRES_MEMBER: 'forbidden',
  ASSIGNEE_NOT_MEMBER: 'invalid',
  ASSIGNEE_OFFLINE: 'conflict',
  NOTHING_TO_CHANGE: 'invalid',
  SLA_TARGETS_OUT_OF_ORDER: 'invalid',
};

const MESSAGES: Record<TicketRoutesExceptionCode, [string, FieldProblem[]]> = {
  CLAIM_REQUIRES_MEMBER: ['Only a signed-in member can claim a ticket', []],
  ASSIGNEE_NOT_MEMBER: [
    'assigneeId: is not a member of this workspace',
    [{ field: 'assigneeId', message: 'is not a member of this workspace' }],
  ],
  ASSIGNEE_OFFLINE: [
    'The member is offline; tickets are assigned to online or idle members only',
    [{ field: 'assigneeId', message: 'is offline' }],
  ],
  NOTHING_TO_CHANGE: [
    'body: must name at least one of status, priority, tags, subject',
    [{ field: 'body', message: 'must name at least one of status, priority, tags, subject' }],
  ],
  SLA_TARGETS_OUT_OF_ORDER: [
    'resolutionSeconds: must not be shorter than firstResponseSeconds',
    [{ field: 'resolutionSeconds', message: 'must not be shorter than firstResponseSeconds' }],
  ],
};

/**
 * What the ticket routes refuse before the conversation owner is asked (its own refusals, such as
 * a closed ticket, are `TicketsException`s from libs/conversations).
 */
export class TicketRoutesException extends AppException<TicketRoutesExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static of(code: TicketRoutesExceptionCode): TicketRoutesException {
    const [message, details] = MESSAGES[code];
    return new TicketRoutesException(code, message, details);
  }
}
