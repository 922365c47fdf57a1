import { AppException, type ErrorKind } from '@cxgenie/contracts';

export enum MembersExceptionCode {
  LAST_OWNER = 'LAST_OWNER',
  OWNER_REQUIRED = 'OWNER_REQUIRED',
  OWN_AVAILABILITY_ONLY = 'OWN_AVAILABILITY_ONLY',
}

const KINDS: Record<MembersExceptionCode, ErrorKind> = {
  LAST_OWNER: 'conflict',
  OWNER_REQUIRED: 'forbidden',
  OWN_AVAILABILITY_ONLY: 'forbidden',
};

export class MembersException extends AppException<MembersExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static lastOwner(action: 'removed' | 'demoted'): MembersException {
    return new MembersException(
      MembersExceptionCode.LAST_OWNER,
      `The workspace's last owner cannot be ${action}; make another member owner first`,
      [{ field: action === 'removed' ? 'id' : 'role', message: 'is the last owner' }],
    );
  }

  static ownerRequired(): MembersException {
    return new MembersException(
      MembersExceptionCode.OWNER_REQUIRED,
      'Only an owner may grant, take away or remove the owner role',
    );
  }

  static ownAvailabilityOnly(): MembersException {
    return new MembersException(
      MembersExceptionCode.OWN_AVAILABILITY_ONLY,
      'Agents may change only their own availability',
    );
  }
}
