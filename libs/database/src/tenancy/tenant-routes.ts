import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import { TenantConnections } from './tenant-connections';
import type { TenantScope } from './tenant-scope';

/** What the outside world reaches a workspace by without a principal. */
export type TenantRouteKind = 'bot_public_key' | 'channel';

/**
 * The control plane's index of public keys (a bot's widget key, a channel's webhook id) for
 * workspaces in a database of their own. The lookups that no principal scopes (starting a widget
 * session, a platform's webhook) search the control plane's own tables first, where every shared
 * workspace's bots and channels are, then this index. Kept by the use cases that create or change
 * such keys, and by the relocator when a workspace moves.
 */
@Injectable()
export class TenantRoutes {
  constructor(private readonly tenants: TenantConnections) {}

  /** Indexes a key of a dedicated workspace; a shared workspace needs no entry. */
  async record(scope: TenantScope, kind: TenantRouteKind, key: string): Promise<void> {
    if (scope.mode !== 'dedicated') return;
    await this.tenants.sequelize.query(
      `INSERT INTO tenant_routes (kind, key, workspace_id) VALUES (:kind, :key, :workspaceId)
       ON CONFLICT (kind, key) DO UPDATE SET workspace_id = EXCLUDED.workspace_id`,
      { replacements: { kind, key, workspaceId: scope.workspaceId } },
    );
  }

  async forget(kind: TenantRouteKind, key: string): Promise<void> {
    await this.tenants.sequelize.query(
      'DELETE FROM tenant_routes WHERE kind = :kind AND key = :key',
      {
        replacements: { kind, key },
      },
    );
  }

  /** The dedicated workspace a key belongs to, or null. */
  async locate(kind: TenantRouteKind, key: string): Promise<string | null> {
    const [row] = await this.tenants.sequelize.query<{ workspace_id: string }>(
      'SELECT workspace_id FROM tenant_routes WHERE kind = :kind AND key = :key',
      { replacements: { kind, key }, type: QueryTypes.SELECT },
    );
    return row?.workspace_id ?? null;
  }
}
