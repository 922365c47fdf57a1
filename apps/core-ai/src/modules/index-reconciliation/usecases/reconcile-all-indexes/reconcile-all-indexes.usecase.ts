import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { TenantConnections } from '@cxgenie/database';
import { RedisLocks } from '@cxgenie/redis';
import { ReconcileBotIndex } from '../reconcile-bot-index/reconcile-bot-index.usecase';

/** Long enough for a large deployment's sweep; a crashed holder frees it by expiry. */
const SWEEP_LOCK_TTL_MS = 30 * 60_000;

export interface SweepOutcome {
  bots: number;
  repaired: number;
  incomplete: number;
}

/**
 * Reconciles every bot of every tenant database, one bot at a time, once across all core-ai
 * instances (a Redis lock): what a restored backup or a new vector store volume needs.
 */
@Injectable()
export class ReconcileAllIndexes {
  private readonly logger = new Logger(ReconcileAllIndexes.name);
  private readonly lockKey: string;

  constructor(
    private readonly tenants: TenantConnections,
    private readonly reconcileBot: ReconcileBotIndex,
    private readonly locks: RedisLocks,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.lockKey = `${config.queuePrefix}:knowledge-index:sweep`;
  }

  /** Null when another instance is already sweeping. */
  async execute(signal: AbortSignal): Promise<SweepOutcome | null> {
    const lock = await this.locks.acquire(this.lockKey, SWEEP_LOCK_TTL_MS);
    if (!lock) return null;
    const outcome: SweepOutcome = { bots: 0, repaired: 0, incomplete: 0 };
    try {
      const databases = await this.tenants.databases((workspaceId, error) =>
        this.logger.warn(`index check skipped workspace ${workspaceId}: ${error.message}`),
      );
      for (const database of databases) {
        const bots = await database.sequelize.query<{ id: string; workspace_id: string }>(
          `SELECT b.id, b.workspace_id FROM bots b
            WHERE b.deleted_at IS NULL
              AND ($1::uuid[] IS NULL OR b.workspace_id = ANY($1::uuid[]))
            ORDER BY b.created_at`,
          { bind: [database.workspaceIds], type: QueryTypes.SELECT },
        );
        for (const bot of bots) {
          if (signal.aborted) return outcome;
          const scope = await this.tenants.scope(bot.workspace_id).catch(() => null);
          // A shared-database row of a workspace that moved to its own database is not its truth.
          if (!scope || (database.workspaceIds === null && scope.mode !== 'shared')) continue;
          const report = await this.reconcileBot.reconcile(
            scope,
            { workspaceId: bot.workspace_id, botId: bot.id },
            signal,
          );
          outcome.bots += 1;
          if (report.repaired + report.removed > 0) outcome.repaired += 1;
          if (report.state !== 'complete') outcome.incomplete += 1;
        }
      }
      return outcome;
    } finally {
      await this.locks.release(lock).catch(() => undefined);
    }
  }
}
