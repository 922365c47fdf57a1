import { Injectable } from '@nestjs/common';
import { InvitationRepository, MemberRepository } from '@cxgenie/database';
import { newOpaqueToken, sha256 } from '../../../../core-modules/crypto/opaque-token';
import type { CreatedInvitationResponse } from '../../dto/invitation.dto';
import { presentInvitation } from '../../invitation.presenter';
import { InvitationsException, InvitationsExceptionCode } from '../../invitations.exception';
import type { CreateInvitationCommand } from './create-invitation.command';

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
const TOKEN_PREFIX = 'cxi_';

@Injectable()
export class CreateInvitation {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly members: MemberRepository,
  ) {}

  /** Inviting an email again replaces its pending invitation: only the newest link works. */
  async execute({
    scope,
    principal,
    email: rawEmail,
    role,
  }: CreateInvitationCommand): Promise<CreatedInvitationResponse> {
    const email = rawEmail.trim().toLowerCase();
    if (await this.members.findByEmail(scope, email))
      throw InvitationsException.of(InvitationsExceptionCode.ALREADY_MEMBER);
    await this.invitations.revokePendingFor(scope, email);
    const token = newOpaqueToken(TOKEN_PREFIX);
    const invitation = await this.invitations.create(scope, {
      email,
      role,
      tokenHash: sha256(token),
      invitedBy: principal.kind === 'user' ? principal.userId : null,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    });
    return {
      ...presentInvitation(invitation),
      token,
      acceptUrl: `/accept-invitation?token=${encodeURIComponent(token)}`,
    };
  }
}
