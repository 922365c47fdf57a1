import { Injectable } from '@nestjs/common';
import { TenantConnections } from '@cxgenie/database';
import { type IssuedSession, SessionTokens } from '../../../../core-modules/auth/session-tokens';
import { AuthException } from '../../auth.exception';

/** Exchanges a refresh token for a new pair; the role is re-read, so demotions take effect. */
@Injectable()
export class RefreshSession {
  constructor(
    private readonly tenants: TenantConnections,
    private readonly tokens: SessionTokens,
  ) {}

  async execute(refreshToken: string): Promise<IssuedSession> {
    const outcome = await this.tokens.rotate(refreshToken);
    if (!outcome.ok) throw AuthException.refreshRejected(outcome.reason);
    const membership = await this.tenants.control.WorkspaceMember.findOne({
      where: { userId: outcome.userId, workspaceId: outcome.workspaceId },
    });
    if (!membership) throw AuthException.refreshRejected('revoked');
    return this.tokens.issue(
      outcome.userId,
      outcome.workspaceId,
      membership.role,
      outcome.familyId,
    );
  }
}
