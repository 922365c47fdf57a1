import { ConflictException, ForbiddenException } from '@nestjs/common';

export class LastOwnerException extends ConflictException {
  constructor(action: 'removed' | 'demoted') {
    super({
      message: `The workspace's last owner cannot be ${action}; make another member owner first`,
      details: [{ field: action === 'removed' ? 'id' : 'role', message: 'is the last owner' }],
    });
  }
}

export class OwnerRequiredException extends ForbiddenException {
  constructor() {
    super('Only an owner may grant, take away or remove the owner role');
  }
}

export class OwnAvailabilityOnlyException extends ForbiddenException {
  constructor() {
    super('Agents may change only their own availability');
  }
}
