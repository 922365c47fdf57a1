import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { QueryTypes, type Sequelize } from 'sequelize';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import type { TenancyMode } from '@cxgenie/contracts';
import { createSequelize, withDatabaseName } from '../connection.factory';
import { DATABASE } from '../database.tokens';
import { type ModelSet, createModelSet } from '../models';
import { type TenantScope, WorkspaceNotFoundError } from './tenant-scope';

interface Route {
  mode: TenancyMode;
  databaseName: string | null;
}

/** A database holding tenant data, for work that runs across tenants (schedulers, sweeps). */
export interface TenantDatabase {
  /** `shared`, or the dedicated database's name: stable, so progress can be kept per database. */
  key: string;
  sequelize: Sequelize;
  /** The workspaces it holds; null for the shared database, meaning every shared workspace. */
  workspaceIds: string[] | null;
}

interface DedicatedConnection {
  sequelize: Sequelize;
  models: ModelSet;
  lastUsedAt: number;
}

// Short enough that a mode change made by another instance takes effect within seconds.
const ROUTE_TTL_MS = 5_000;

/**
 * Routes each workspace to its data: the shared database (the control plane's own), or its
 * dedicated database with a small pool of its own. Dedicated pools are opened on demand and the
 * least recently used are closed beyond a limit, so thousands of tenants do not mean thousands
 * of idle connections.
 */
@Injectable()
export class TenantConnections implements OnApplicationShutdown {
  readonly control: ModelSet;
  private readonly logger = new Logger(TenantConnections.name);
  private readonly routes = new Map<string, { route: Promise<Route>; expiresAt: number }>();
  private readonly dedicated = new Map<string, DedicatedConnection>();

  constructor(
    @Inject(DATABASE) readonly sequelize: Sequelize,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.control = createModelSet(sequelize);
  }

  async scope(workspaceId: string): Promise<TenantScope> {
    const route = await this.route(workspaceId);
    if (route.mode === 'shared' || !route.databaseName) {
      return { workspaceId, mode: 'shared', models: this.control, sequelize: this.sequelize };
    }
    const connection = this.open(route.databaseName);
    return {
      workspaceId,
      mode: 'dedicated',
      models: connection.models,
      sequelize: connection.sequelize,
    };
  }

  /**
   * The shared database, then each dedicated workspace database. A dedicated database that cannot
   * be reached is reported to `onUnreachable` and left out, so one tenant's outage does not stop
   * the others' work. A dedicated database's pool is opened when its `sequelize` is read: read it
   * when its turn comes, not for all of them up front.
   */
  async databases(
    onUnreachable: (workspaceId: string, error: Error) => void,
  ): Promise<TenantDatabase[]> {
    const dedicated = await this.sequelize.query<{ id: string }>(
      "SELECT id FROM workspaces WHERE tenancy_mode = 'dedicated' AND deleted_at IS NULL",
      { type: QueryTypes.SELECT },
    );
    const databases: TenantDatabase[] = [
      { key: 'shared', sequelize: this.sequelize, workspaceIds: null },
    ];
    for (const { id } of dedicated) {
      try {
        const { mode, databaseName } = await this.route(id);
        if (mode !== 'dedicated' || !databaseName) continue;
        // Opened when the caller reaches it, not now: opening them all first would close the
        // least recently used pools beyond DATABASE_TENANT_MAX_OPEN before they were read.
        const open = () => this.open(databaseName).sequelize;
        databases.push({
          key: databaseName,
          get sequelize() {
            return open();
          },
          workspaceIds: [id],
        });
      } catch (error) {
        onUnreachable(id, error as Error);
      }
    }
    return databases;
  }

  /** Forget a cached route, after this process changed the workspace's mode. */
  invalidate(workspaceId: string): void {
    this.routes.delete(workspaceId);
  }

  databaseUrl(databaseName: string): string {
    return withDatabaseName(this.config.database.url, databaseName);
  }

  /** Closes a dedicated pool now, e.g. before its database is dropped. */
  async release(databaseName: string): Promise<void> {
    const connection = this.dedicated.get(databaseName);
    this.dedicated.delete(databaseName);
    await connection?.sequelize.close();
  }

  openDedicatedCount(): number {
    return this.dedicated.size;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.dedicated.values()].map((c) => c.sequelize.close()));
    this.dedicated.clear();
    await this.sequelize.close();
  }

  /**
   * One read per workspace however many ask at once: under load, every job of a workspace whose
   * route just expired asks before the first read is back, and each would read it again.
   */
  private route(workspaceId: string): Promise<Route> {
    const cached = this.routes.get(workspaceId);
    if (cached && cached.expiresAt > Date.now()) return cached.route;
    const entry = { route: this.readRoute(workspaceId), expiresAt: Date.now() + ROUTE_TTL_MS };
    this.routes.set(workspaceId, entry);
    // A failed read is not kept: the next caller reads again.
    entry.route.catch(() => {
      if (this.routes.get(workspaceId) === entry) this.routes.delete(workspaceId);
    });
    return entry.route;
  }

  private async readRoute(workspaceId: string): Promise<Route> {
    const workspace = await this.control.Workspace.findByPk(workspaceId, {
      attributes: ['id', 'tenancyMode', 'databaseName'],
    });
    if (!workspace) throw new WorkspaceNotFoundError(workspaceId);
    return { mode: workspace.tenancyMode, databaseName: workspace.databaseName };
  }

  private open(databaseName: string): DedicatedConnection {
    const existing = this.dedicated.get(databaseName);
    if (existing) {
      existing.lastUsedAt = Date.now();
      return existing;
    }
    const sequelize = createSequelize({
      url: this.databaseUrl(databaseName),
      poolMax: this.config.database.tenantPoolMax,
      acquireTimeoutMs: this.config.database.acquireTimeoutMs,
    });
    const connection = { sequelize, models: createModelSet(sequelize), lastUsedAt: Date.now() };
    this.dedicated.set(databaseName, connection);
    this.evictBeyond(this.config.database.tenantMaxOpen);
    return connection;
  }

  private evictBeyond(limit: number): void {
    if (this.dedicated.size <= limit) return;
    const [oldestName, oldest] = [...this.dedicated].sort(
      ([, a], [, b]) => a.lastUsedAt - b.lastUsedAt,
    )[0];
    this.dedicated.delete(oldestName);
    // In-flight queries finish first: Sequelize drains the pool before closing it.
    oldest.sequelize
      .close()
      .catch((error: Error) => this.logger.warn(`closing ${oldestName}: ${error.message}`));
  }
}
