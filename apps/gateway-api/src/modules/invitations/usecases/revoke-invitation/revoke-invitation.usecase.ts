import { Injectable } from '@nestjs/common';
import { InvitationRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { InvitationsException, InvitationsExceptionCode } from '../../invitations.exception';

/** Idempotent: revoking a revoked or expired invitation succeeds and changes nothing further. */
@Injectable()
export class RevokeInvitation {
  constructor(private readonly invitations: InvitationRepository) {}

  async execute(scope: TenantScope, id: string): Promise<void> {
    const invitation = await this.invitations.findById(scope, id);
    if (!invitation) throw new ResourceNotFoundException('Invitation');
    if (invitation.acceptedAt)
      throw InvitationsException.of(InvitationsExceptionCode.ALREADY_ACCEPTED);
    if (!invitation.revokedAt) await this.invitations.update(scope, id, { revokedAt: new Date() });
  }
}
