import { ForbiddenException } from '@nestjs/common';

/** Only a person has memberships; an API key or a widget session belongs to one workspace. */
export class NotAPersonException extends ForbiddenException {
  constructor() {
    super('Only a signed-in member can list or switch workspaces');
  }
}

export class NotAMemberException extends ForbiddenException {
  constructor() {
    super({
      message: 'You are not a member of that workspace',
      details: [{ field: 'workspaceId', message: 'is not a workspace of yours' }],
    });
  }
}
