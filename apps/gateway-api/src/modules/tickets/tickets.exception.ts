import { ConflictException, ForbiddenException } from '@nestjs/common';
import { ApiValidationException } from '@cxgenie/bootstrap';

export class TicketClosedException extends ConflictException {
  constructor() {
    super({
      message: 'A closed ticket cannot change; hand the conversation off again for a new one',
      details: [{ field: 'status', message: 'is closed' }],
    });
  }
}

export class TicketNotActiveException extends ConflictException {
  constructor() {
    super({
      message: 'Only open or pending tickets are assigned',
      details: [{ field: 'status', message: 'is not open or pending' }],
    });
  }
}

export class ActiveTicketExistsException extends ConflictException {
  constructor() {
    super({
      message: 'The conversation already has an open or pending ticket',
      details: [{ field: 'status', message: 'would give the conversation a second active ticket' }],
    });
  }
}

export class AssigneeOfflineException extends ConflictException {
  constructor() {
    super({
      message: 'The member is offline; tickets are assigned to online or idle members only',
      details: [{ field: 'assigneeId', message: 'is offline' }],
    });
  }
}

export class TicketAssignedElsewhereException extends ConflictException {
  constructor() {
    super({
      message: 'The ticket is assigned to someone else; reassign it instead of claiming it',
      details: [{ field: 'assigneeId', message: 'is another member' }],
    });
  }
}

export class ClaimRequiresMemberException extends ForbiddenException {
  constructor() {
    super('Only a signed-in member can claim a ticket');
  }
}

export class AssigneeNotMemberException extends ApiValidationException {
  constructor() {
    super([{ field: 'assigneeId', message: 'is not a member of this workspace' }]);
  }
}

export class NothingToChangeException extends ApiValidationException {
  constructor() {
    super([
      { field: 'body', message: 'must name at least one of status, priority, tags, subject' },
    ]);
  }
}

export class SlaTargetsOutOfOrderException extends ApiValidationException {
  constructor() {
    super([
      { field: 'resolutionSeconds', message: 'must not be shorter than firstResponseSeconds' },
    ]);
  }
}
