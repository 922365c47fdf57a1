import { Injectable } from '@nestjs/common';
import { type CreationAttributes, type ModelStatic, Op, type Transaction } from 'sequelize';
import type { ApiKey } from '../models/credential.models';
import type { Invitation, Workspace } from '../models/workspace.models';
import { TenantConnections } from '../tenancy/tenant-connections';
import type { TenantScope } from '../tenancy/tenant-scope';
import { TenantRepository } from './tenant.repository';

/*
 * Workspace administration rows (the workspace itself, invitations, API keys) live in the control
 * database whatever the workspace's tenancy mode: the auth guard must find them before it knows
 * where the tenant's data is. So these repositories read the control connection, never
 * `scope.models`, while the workspace filter still comes from the caller's scope.
 */

@Injectable()
export class WorkspaceRepository {
  constructor(private readonly tenants: TenantConnections) {}

  findCurrent(scope: TenantScope): Promise<Workspace | null> {
    return this.tenants.control.Workspace.findByPk(scope.workspaceId);
  }

  async updateCurrent(
    scope: TenantScope,
    patch: Partial<Pick<Workspace, 'name' | 'timezone' | 'settings'>>,
  ): Promise<Workspace | null> {
    const workspace = await this.findCurrent(scope);
    return workspace ? workspace.update(patch) : null;
  }
}

@Injectable()
export class ApiKeyRepository extends TenantRepository<ApiKey> {
  constructor(private readonly tenants: TenantConnections) {
    super();
  }

  protected model(): ModelStatic<ApiKey> {
    return this.tenants.control.ApiKey;
  }

  // Optional columns (ids, timestamps, nullable dates) stay optional here.
  override create(
    scope: TenantScope,
    values: Omit<CreationAttributes<ApiKey>, 'workspaceId'>,
  ): Promise<ApiKey> {
    return this.tenants.control.ApiKey.create({ ...values, workspaceId: scope.workspaceId });
  }
}

export interface TransactionOptions {
  transaction?: Transaction;
}

@Injectable()
export class InvitationRepository extends TenantRepository<Invitation> {
  constructor(private readonly tenants: TenantConnections) {
    super();
  }

  protected model(): ModelStatic<Invitation> {
    return this.tenants.control.Invitation;
  }

  // Optional columns (ids, timestamps, nullable dates) stay optional here.
  override create(
    scope: TenantScope,
    values: Omit<CreationAttributes<Invitation>, 'workspaceId'>,
  ): Promise<Invitation> {
    return this.tenants.control.Invitation.create({ ...values, workspaceId: scope.workspaceId });
  }

  /** Neither accepted, revoked nor expired. */
  static pendingWhere(now = new Date()) {
    return {
      acceptedAt: { [Op.is]: null },
      revokedAt: { [Op.is]: null },
      expiresAt: { [Op.gt]: now },
    };
  }

  /**
   * Unscoped on purpose: whoever accepts an invitation is not signed in yet, and the token alone
   * names the workspace. The row is locked when a transaction is given, so a token is spent once.
   */
  findByTokenHash(tokenHash: string, { transaction }: TransactionOptions = {}) {
    return this.tenants.control.Invitation.findOne({
      where: { tokenHash },
      ...(transaction ? { transaction, lock: transaction.LOCK.UPDATE } : {}),
    });
  }

  async revokePendingFor(scope: TenantScope, email: string): Promise<void> {
    await this.tenants.control.Invitation.update(
      { revokedAt: new Date() },
      { where: { ...InvitationRepository.pendingWhere(), workspaceId: scope.workspaceId, email } },
    );
  }

  async markAccepted(invitation: Invitation, { transaction }: TransactionOptions): Promise<void> {
    await invitation.update({ acceptedAt: new Date() }, { transaction });
  }
}
