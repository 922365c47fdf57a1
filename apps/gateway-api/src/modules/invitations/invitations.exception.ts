import { AppException, type ErrorKind } from '@cxgenie/contracts';

export enum InvitationsExceptionCode {
  ALREADY_ACCEPTED_USED = 'ALREADY_ACCEPTED_USED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
  WORKSPACE_DELETED = 'WORKSPACE_DELETED',
  ALREADY_MEMBER = 'ALREADY_MEMBER',
  ALREADY_ACCEPTED = 'ALREADY_ACCEPTED',
  EXISTING_ACCOUNT_PASSWORD = 'EXISTING_ACCOUNT_PASSWORD',
  NAME_REQUIRED = 'NAME_REQUIRED',
}

const SPEC: Record<
  InvitationsExceptionCode,
  [ErrorKind, string, { field: string; message: string }[]]
> = {
  ALREADY_ACCEPTED_USED: ['gone', 'This invitation was already used', []],
  REVOKED: ['gone', 'This invitation was revoked; ask for a new one', []],
  EXPIRED: ['gone', 'This invitation has expired; ask for a new one', []],
  WORKSPACE_DELETED: ['gone', 'The workspace of this invitation no longer exists', []],
  ALREADY_MEMBER: [
    'conflict',
    'This email already belongs to a member of the workspace',
    [{ field: 'email', message: 'is already a member' }],
  ],
  ALREADY_ACCEPTED: [
    'conflict',
    'This invitation was already accepted; remove the member instead',
    [],
  ],
  EXISTING_ACCOUNT_PASSWORD: [
    'unauthorized',
    'This email already has an account: enter that account’s password',
    [],
  ],
  NAME_REQUIRED: [
    'invalid',
    'A name is needed to create the account',
    [{ field: 'name', message: 'is required for a new account' }],
  ],
};

export type UnusableReason = 'accepted' | 'revoked' | 'expired' | 'workspace-deleted';

const UNUSABLE: Record<UnusableReason, InvitationsExceptionCode> = {
  accepted: InvitationsExceptionCode.ALREADY_ACCEPTED_USED,
  revoked: InvitationsExceptionCode.REVOKED,
  expired: InvitationsExceptionCode.EXPIRED,
  'workspace-deleted': InvitationsExceptionCode.WORKSPACE_DELETED,
};

export class InvitationsException extends AppException<InvitationsExceptionCode> {
  get kind(): ErrorKind {
    return SPEC[this.code][0];
  }

  static of(code: InvitationsExceptionCode): InvitationsException {
    const [, message, details] = SPEC[code];
    return new InvitationsException(code, message, details);
  }

  static unusable(reason: UnusableReason): InvitationsException {
    return InvitationsException.of(UNUSABLE[reason]);
  }
}
