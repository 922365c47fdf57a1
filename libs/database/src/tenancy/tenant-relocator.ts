import { QueryTypes, type Sequelize } from 'sequelize';
import { createSequelize, withDatabaseName } from '../connection.factory';
import { TENANT_TABLES } from '../migrations';
import { Migrator } from '../migrator';

const BATCH_ROWS = 1_000;
const INSUFFICIENT_PRIVILEGE = '42501';
const DROP_ATTEMPTS = 8;

export interface RelocationResult {
  workspaceId: string;
  mode: 'shared' | 'dedicated';
  databaseName: string | null;
  rowsCopied: Record<string, number>;
}

/** `cxgenie_ws_<first 16 hex of the workspace id>`: stable, a valid identifier, unique enough. */
export const dedicatedDatabaseName = (workspaceId: string): string =>
  `cxgenie_ws_${workspaceId.replace(/-/g, '').slice(0, 16)}`;

/**
 * Moves one workspace's data between the shared database and a database of its own. An admin
 * operation (tools/tenancy.ts), meant for a maintenance window: other instances pick up the new
 * route within seconds, and writes made to the old place during the copy are not carried over.
 * The copy is committed in the target before the route flips and before the source is cleared,
 * so a failure at any step leaves the workspace whole where it was.
 */
export class TenantRelocator {
  constructor(
    private readonly control: Sequelize,
    private readonly primaryUrl: string,
  ) {}

  async moveToDedicated(workspaceId: string): Promise<RelocationResult> {
    const workspace = await this.workspace(workspaceId);
    if (workspace.tenancy_mode === 'dedicated')
      throw new Error(`workspace ${workspaceId} is already dedicated`);
    const databaseName = dedicatedDatabaseName(workspaceId);
    await this.createDatabase(databaseName);
    const target = this.connect(databaseName);
    try {
      await target.query(
        `INSERT INTO workspaces SELECT * FROM json_populate_record(NULL::workspaces, :row::json)
         ON CONFLICT (id) DO NOTHING`,
        {
          replacements: {
            row: JSON.stringify({
              ...workspace,
              tenancy_mode: 'dedicated',
              database_name: databaseName,
            }),
          },
        },
      );
      const rowsCopied = await this.copyRows(this.control, target, workspaceId);
      // Before the switch, while the rows are still here for the lookups that search them first.
      await this.indexPublicKeys(workspaceId);
      await this.setRoute(workspaceId, 'dedicated', databaseName);
      await this.deleteRows(this.control, workspaceId);
      return { workspaceId, mode: 'dedicated', databaseName, rowsCopied };
    } finally {
      await target.close();
    }
  }

  async moveToShared(workspaceId: string, { dropDatabase = true } = {}): Promise<RelocationResult> {
    const workspace = await this.workspace(workspaceId);
    if (workspace.tenancy_mode !== 'dedicated' || !workspace.database_name) {
      throw new Error(`workspace ${workspaceId} is already shared`);
    }
    const databaseName = workspace.database_name as string;
    const source = this.connect(databaseName);
    let rowsCopied: Record<string, number>;
    try {
      rowsCopied = await this.copyRows(source, this.control, workspaceId);
      await this.setRoute(workspaceId, 'shared', null);
      // Its bots and channels are the control plane's own rows again.
      await this.control.query('DELETE FROM tenant_routes WHERE workspace_id = :workspaceId', {
        replacements: { workspaceId },
      });
    } finally {
      await source.close();
    }
    if (dropDatabase) await this.dropDatabase(databaseName);
    return { workspaceId, mode: 'shared', databaseName: null, rowsCopied };
  }

  /**
   * FORCE ends our own lingering sessions; an autovacuum worker that just started on the freshly
   * copied tables belongs to the superuser, and terminating it is refused (insufficient
   * privilege) until it finishes, within moments.
   */
  private async dropDatabase(databaseName: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.control.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
        return;
      } catch (error) {
        const code = (error as { original?: { code?: string } }).original?.code;
        if (code !== INSUFFICIENT_PRIVILEGE || attempt >= DROP_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
  }

  /** What the widget and the webhooks find the workspace by once its rows have left (TenantRoutes). */
  private async indexPublicKeys(workspaceId: string): Promise<void> {
    await this.control.query(
      `INSERT INTO tenant_routes (kind, key, workspace_id)
       SELECT 'bot_public_key', public_key, workspace_id FROM bots WHERE workspace_id = :workspaceId
       UNION ALL
       SELECT 'channel', id::text, workspace_id FROM channels WHERE workspace_id = :workspaceId
       ON CONFLICT (kind, key) DO UPDATE SET workspace_id = EXCLUDED.workspace_id`,
      { replacements: { workspaceId } },
    );
  }

  private async workspace(workspaceId: string): Promise<Record<string, unknown>> {
    const [row] = await this.control.query<Record<string, unknown>>(
      'SELECT * FROM workspaces WHERE id = :workspaceId AND deleted_at IS NULL',
      { replacements: { workspaceId }, type: QueryTypes.SELECT },
    );
    if (!row) throw new Error(`workspace ${workspaceId} does not exist`);
    return row;
  }

  private async createDatabase(databaseName: string): Promise<void> {
    const [exists] = await this.control.query(
      'SELECT 1 FROM pg_database WHERE datname = :databaseName',
      {
        replacements: { databaseName },
        type: QueryTypes.SELECT,
      },
    );
    if (!exists) await this.control.query(`CREATE DATABASE "${databaseName}"`);
    const migrator = new Migrator(withDatabaseName(this.primaryUrl, databaseName));
    try {
      await migrator.up();
    } finally {
      await migrator.close();
    }
  }

  private connect(databaseName: string): Sequelize {
    return createSequelize({
      url: withDatabaseName(this.primaryUrl, databaseName),
      poolMax: 2,
      acquireTimeoutMs: 10_000,
    });
  }

  /** Parents before children, in one transaction on the target: all or nothing. */
  private async copyRows(
    from: Sequelize,
    to: Sequelize,
    workspaceId: string,
  ): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    await to.transaction(async (transaction) => {
      for (const table of TENANT_TABLES) {
        counts[table] = 0;
        for (let offset = 0; ; offset += BATCH_ROWS) {
          const rows = await from.query<{ row: unknown }>(
            `SELECT row_to_json(t) AS row FROM ${table} t WHERE workspace_id = :workspaceId
             ORDER BY id LIMIT ${BATCH_ROWS} OFFSET ${offset}`,
            { replacements: { workspaceId }, type: QueryTypes.SELECT },
          );
          if (rows.length === 0) break;
          await to.query(
            `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, :rows::json)`,
            { replacements: { rows: JSON.stringify(rows.map((r) => r.row)) }, transaction },
          );
          counts[table] += rows.length;
          if (rows.length < BATCH_ROWS) break;
        }
      }
    });
    return counts;
  }

  private async deleteRows(db: Sequelize, workspaceId: string): Promise<void> {
    await db.transaction(async (transaction) => {
      for (const table of [...TENANT_TABLES].reverse()) {
        await db.query(`DELETE FROM ${table} WHERE workspace_id = :workspaceId`, {
          replacements: { workspaceId },
          transaction,
        });
      }
    });
  }

  private async setRoute(
    workspaceId: string,
    mode: 'shared' | 'dedicated',
    databaseName: string | null,
  ): Promise<void> {
    await this.control.query(
      'UPDATE workspaces SET tenancy_mode = :mode, database_name = :databaseName, updated_at = now() WHERE id = :workspaceId',
      { replacements: { workspaceId, mode, databaseName } },
    );
  }
}
