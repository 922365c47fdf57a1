import { Injectable } from '@nestjs/common';
import {
  type Invitation,
  InvitationRepository,
  MemberRepository,
  TenantConnections,
  type TenantScope,
  type User,
  WorkspaceNotFoundError,
} from '@cxgenie/database';
import { PasswordHasher } from '../../../../core-modules/auth/password-hasher';
import { type IssuedSession, SessionTokens } from '../../../../core-modules/auth/session-tokens';
import { sha256 } from '../../../../core-modules/crypto/opaque-token';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { invitationStatus } from '../../invitation.presenter';
import { InvitationsException, InvitationsExceptionCode } from '../../invitations.exception';
import type { AcceptInvitationCommand } from './accept-invitation.command';

type Account = { existing: User } | { name: string; passwordHash: string };

function assertUsable(invitation: Invitation | null): asserts invitation is Invitation {
  if (!invitation) throw new ResourceNotFoundException('Invitation');
  const status = invitationStatus(invitation);
  if (status !== 'pending') throw InvitationsException.unusable(status);
}

/**
 * Joins the invited workspace, creating the account when the email has none, and signs in. The
 * slow password work happens before the transaction; inside it the invitation row is locked and
 * re-checked, so a token is spent exactly once.
 */
@Injectable()
export class AcceptInvitation {
  constructor(
    private readonly tenants: TenantConnections,
    private readonly invitations: InvitationRepository,
    private readonly members: MemberRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: SessionTokens,
  ) {}

  async execute(command: AcceptInvitationCommand): Promise<IssuedSession> {
    const tokenHash = sha256(command.token);
    const invitation = await this.invitations.findByTokenHash(tokenHash);
    assertUsable(invitation);
    const account = await this.resolveAccount(invitation.email, command);
    const scope = await this.scopeOf(invitation.workspaceId);

    const { userId, role } = await this.members.transaction(async (transaction) => {
      const locked = await this.invitations.findByTokenHash(tokenHash, { transaction });
      assertUsable(locked);
      const user =
        'existing' in account
          ? account.existing
          : await this.tenants.control.User.create(
              { email: locked.email, name: account.name, passwordHash: account.passwordHash },
              { transaction },
            );
      if (await this.members.findByUserId(scope, user.id, transaction))
        throw InvitationsException.of(InvitationsExceptionCode.ALREADY_MEMBER);
      await this.members.create(scope, { userId: user.id, role: locked.role }, transaction);
      await this.invitations.markAccepted(locked, { transaction });
      return { userId: user.id, role: locked.role };
    });

    await this.tenants.control.User.update({ lastLoginAt: new Date() }, { where: { id: userId } });
    return this.tokens.issue(userId, invitation.workspaceId, role);
  }

  private async resolveAccount(email: string, command: AcceptInvitationCommand): Promise<Account> {
    const existing = await this.tenants.control.User.findOne({ where: { email } });
    if (existing) {
      if (!(await this.hasher.verify(existing.passwordHash, command.password)))
        throw InvitationsException.of(InvitationsExceptionCode.EXISTING_ACCOUNT_PASSWORD);
      return { existing };
    }
    const name = command.name?.trim();
    if (!name) throw InvitationsException.of(InvitationsExceptionCode.NAME_REQUIRED);
    return { name, passwordHash: await this.hasher.hash(command.password) };
  }

  private async scopeOf(workspaceId: string): Promise<TenantScope> {
    try {
      return await this.tenants.scope(workspaceId);
    } catch (error) {
      if (error instanceof WorkspaceNotFoundError)
        throw InvitationsException.unusable('workspace-deleted');
      throw error;
    }
  }
}
