import { AppException, type ErrorKind, notFoundMessage } from '@cxgenie/contracts';

export enum TicketsExceptionCode {
  TICKET_NOT_FOUND = 'TICKET_NOT_FOUND',
  TICKET_CLOSED = 'TICKET_CLOSED',
  TICKET_NOT_ACTIVE = 'TICKET_NOT_ACTIVE',
  ACTIVE_TICKET_EXISTS = 'ACTIVE_TICKET_EXISTS',
  TICKET_ASSIGNED_ELSEWHERE = 'TICKET_ASSIGNED_ELSEWHERE',
}

const KINDS: Record<TicketsExceptionCode, ErrorKind> = {
  TICKET_NOT_FOUND: 'not_found',
  TICKET_CLOSED: 'conflict',
  TICKET_NOT_ACTIVE: 'conflict',
  ACTIVE_TICKET_EXISTS: 'conflict',
  TICKET_ASSIGNED_ELSEWHERE: 'conflict',
};

const MESSAGES: Record<TicketsExceptionCode, [string, { field: string; message: string }[]]> = {
  TICKET_NOT_FOUND: [notFoundMessage('Ticket'), []],
  TICKET_CLOSED: [
    'A closed ticket cannot change; hand the conversation off again for a new one',
    [{ field: 'status', message: 'is closed' }],
  ],
  TICKET_NOT_ACTIVE: [
    'Only open or pending tickets are assigned',
    [{ field: 'status', message: 'is not open or pending' }],
  ],
  ACTIVE_TICKET_EXISTS: [
    'The conversation already has an open or pending ticket',
    [{ field: 'status', message: 'would give the conversation a second active ticket' }],
  ],
  TICKET_ASSIGNED_ELSEWHERE: [
    'The ticket is assigned to someone else; reassign it instead of claiming it',
    [{ field: 'assigneeId', message: 'is another member' }],
  ],
};

/** What the ticket part of the conversation owner refuses. */
export class TicketsException extends AppException<TicketsExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  /** The exception with the message and fields every caller shows for this code. */
  static of(code: TicketsExceptionCode): TicketsException {
    const [message, details] = MESSAGES[code];
    return new TicketsException(code, message, details);
  }
}
