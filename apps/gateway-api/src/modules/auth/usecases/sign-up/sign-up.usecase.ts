import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { TenantConnections } from '@cxgenie/database';
import { PasswordHasher } from '../../../../core-modules/auth/password-hasher';
import { type IssuedSession, SessionTokens } from '../../../../core-modules/auth/session-tokens';
import { AuthException, AuthExceptionCode } from '../../auth.exception';
import type { SignUpCommand } from './sign-up.command';

const slugify = (name: string): string =>
  `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'workspace'
  }-${randomBytes(3).toString('hex')}`;

/** A new account owns a new workspace; both are created together or not at all. */
@Injectable()
export class SignUp {
  constructor(
    private readonly tenants: TenantConnections,
    private readonly hasher: PasswordHasher,
    private readonly tokens: SessionTokens,
  ) {}

  async execute(command: SignUpCommand): Promise<IssuedSession> {
    const { User, Workspace, WorkspaceMember } = this.tenants.control;
    const email = command.email.trim().toLowerCase();
    const passwordHash = await this.hasher.hash(command.password);
    const { userId, workspaceId } = await this.tenants.sequelize.transaction(
      async (transaction) => {
        if (await User.findOne({ where: { email }, transaction })) {
          throw AuthException.of(AuthExceptionCode.EMAIL_TAKEN);
        }
        const user = await User.create(
          { email, name: command.name.trim(), passwordHash },
          { transaction },
        );
        const workspace = await Workspace.create(
          { name: command.workspaceName.trim(), slug: slugify(command.workspaceName) },
          { transaction },
        );
        await WorkspaceMember.create(
          { workspaceId: workspace.id, userId: user.id, role: 'owner' },
          { transaction },
        );
        return { userId: user.id, workspaceId: workspace.id };
      },
    );
    return this.tokens.issue(userId, workspaceId, 'owner');
  }
}
