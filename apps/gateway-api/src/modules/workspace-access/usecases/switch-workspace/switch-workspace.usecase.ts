import { Injectable } from '@nestjs/common';
import { TenantConnections } from '@cxgenie/database';
import type { Principal } from '../../../../core-modules/auth/principal';
import { type IssuedSession, SessionTokens } from '../../../../core-modules/auth/session-tokens';
import { NotAMemberException, NotAPersonException } from '../../workspace-access.exception';
import type { SwitchWorkspaceCommand } from './switch-workspace.command';

/**
 * A new session in another of the caller's workspaces, with the role they hold there; no
 * password again, since the caller already proved who they are. The old session stays valid
 * until it is logged out or expires, like a second tab.
 */
@Injectable()
export class SwitchWorkspace {
  constructor(
    private readonly tenants: TenantConnections,
    private readonly tokens: SessionTokens,
  ) {}

  async execute(principal: Principal, command: SwitchWorkspaceCommand): Promise<IssuedSession> {
    if (principal.kind !== 'user') throw new NotAPersonException();
    const membership = await this.tenants.control.WorkspaceMember.findOne({
      where: { userId: principal.userId, workspaceId: command.workspaceId },
    });
    if (!membership) throw new NotAMemberException();
    return this.tokens.issue(principal.userId, membership.workspaceId, membership.role);
  }
}
