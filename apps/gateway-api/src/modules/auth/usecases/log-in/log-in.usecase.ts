import { Injectable } from '@nestjs/common';
import { TenantConnections } from '@cxgenie/database';
import { PasswordHasher } from '../../../../core-modules/auth/password-hasher';
import { type IssuedSession, SessionTokens } from '../../../../core-modules/auth/session-tokens';
import { AuthException, AuthExceptionCode } from '../../auth.exception';
import type { LogInCommand } from './log-in.command';

// Verified when the email is unknown, so a miss takes as long as a wrong password.
const DECOY_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$nYKPXO/SeEdGDPS474BhQQ$Z2Tegid7jz7mzzqWGHWSmmJJI5W0V2m2BD7BLQeqbDc';

@Injectable()
export class LogIn {
  constructor(
    private readonly tenants: TenantConnections,
    private readonly hasher: PasswordHasher,
    private readonly tokens: SessionTokens,
  ) {}

  async execute(command: LogInCommand): Promise<IssuedSession> {
    const { User, WorkspaceMember } = this.tenants.control;
    const user = await User.findOne({ where: { email: command.email.trim().toLowerCase() } });
    const valid = await this.hasher.verify(user?.passwordHash ?? DECOY_HASH, command.password);
    if (!user || !valid) throw AuthException.of(AuthExceptionCode.INVALID_CREDENTIALS);

    const membership = await WorkspaceMember.findOne({
      where: {
        userId: user.id,
        ...(command.workspaceId ? { workspaceId: command.workspaceId } : {}),
      },
      order: [['createdAt', 'ASC']],
    });
    if (!membership) throw AuthException.of(AuthExceptionCode.NO_WORKSPACE_ACCESS);
    await user.update({ lastLoginAt: new Date() });
    return this.tokens.issue(user.id, membership.workspaceId, membership.role);
  }
}
