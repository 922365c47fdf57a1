import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import type { KnowledgeIndexReport } from '@cxgenie/contracts';
import { REDIS_CLIENT } from '@cxgenie/redis';

/** Reports outlive restarts but not forever: a bot nobody asked about for a month is re-checked. */
const REPORT_TTL_S = 30 * 24 * 3_600;

/**
 * The last reconciliation report of each bot, in Redis: derived data, recomputed by the next
 * check, shared by every core-ai instance.
 */
@Injectable()
export class IndexStatusStore {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.prefix = `${config.queuePrefix}:knowledge-index:status`;
  }

  async save(report: KnowledgeIndexReport): Promise<void> {
    await this.redis.set(this.key(report.botId), JSON.stringify(report), 'EX', REPORT_TTL_S);
  }

  async get(workspaceId: string, botId: string): Promise<KnowledgeIndexReport> {
    const raw = await this.redis.get(this.key(botId));
    const report = raw ? (JSON.parse(raw) as KnowledgeIndexReport) : null;
    return report && report.workspaceId === workspaceId
      ? report
      : unknownReport(workspaceId, botId);
  }

  private key(botId: string): string {
    return `${this.prefix}:${botId}`;
  }
}

export const unknownReport = (workspaceId: string, botId: string): KnowledgeIndexReport => ({
  workspaceId,
  botId,
  state: 'unknown',
  expected: 0,
  missing: 0,
  orphans: 0,
  repaired: 0,
  removed: 0,
  sourcesInFlight: 0,
  chunksInOtherSpaces: 0,
  checkedAt: null,
  error: null,
});
