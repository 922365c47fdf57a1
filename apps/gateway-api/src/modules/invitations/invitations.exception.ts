import {
  BadRequestException,
  ConflictException,
  GoneException,
  UnauthorizedException,
} from '@nestjs/common';

const UNUSABLE_MESSAGES = {
  accepted: 'This invitation was already used',
  revoked: 'This invitation was revoked; ask for a new one',
  expired: 'This invitation has expired; ask for a new one',
  'workspace-deleted': 'The workspace of this invitation no longer exists',
} as const;

export class InvitationUnusableException extends GoneException {
  constructor(reason: keyof typeof UNUSABLE_MESSAGES) {
    super(UNUSABLE_MESSAGES[reason]);
  }
}

export class AlreadyMemberException extends ConflictException {
  constructor() {
    super({
      message: 'This email already belongs to a member of the workspace',
      details: [{ field: 'email', message: 'is already a member' }],
    });
  }
}

export class InvitationAlreadyAcceptedException extends ConflictException {
  constructor() {
    super('This invitation was already accepted; remove the member instead');
  }
}

export class ExistingAccountPasswordException extends UnauthorizedException {
  constructor() {
    super('This email already has an account: enter that account’s password');
  }
}

export class NameRequiredException extends BadRequestException {
  constructor() {
    super({
      message: 'A name is needed to create the account',
      details: [{ field: 'name', message: 'is required for a new account' }],
    });
  }
}
