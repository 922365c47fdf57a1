import type { Transaction } from 'sequelize';
import type { KnowledgeSourceStats, KnowledgeSourceStatus } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import type { ProgressPublisher } from './progress-publisher';

/** The source's row is gone (deleted from the dashboard while it was being processed). */
export class SourceGoneError extends Error {
  constructor(readonly sourceId: string) {
    super(`knowledge source ${sourceId} was deleted while it was processed`);
    this.name = 'SourceGoneError';
  }
}

export interface SourceIds {
  workspaceId: string;
  botId: string;
  sourceId: string;
}

export interface ProgressChange {
  status?: KnowledgeSourceStatus;
  progress?: number;
  stats?: Partial<KnowledgeSourceStats>;
  error?: string | null;
}

export const EMPTY_STATS: KnowledgeSourceStats = { pages: 0, chunks: 0, embedded: 0, reused: 0 };

/**
 * One run's progress on its source: written to the row (what the status endpoint reads) and
 * published (what open dashboards show). Progress never goes back within a run, a resumed run
 * included: it starts from what the interrupted one had reached.
 */
export class SourceProgress {
  private status: KnowledgeSourceStatus;
  private percent: number;
  private counters: KnowledgeSourceStats;
  private error: string | null = null;

  constructor(
    private readonly scope: TenantScope,
    private readonly ids: SourceIds,
    private readonly publisher: ProgressPublisher,
    start: { status: KnowledgeSourceStatus; progress: number; stats: KnowledgeSourceStats },
  ) {
    this.status = start.status;
    this.percent = clamp(start.progress);
    this.counters = { ...start.stats };
  }

  get stats(): KnowledgeSourceStats {
    return { ...this.counters };
  }

  get progress(): number {
    return this.percent;
  }

  /**
   * Records a change. Inside a transaction the row is updated with it and the event waits for the
   * commit, so a dashboard never shows what a rolled-back batch did.
   * @throws SourceGoneError when the source no longer exists.
   */
  async report(change: ProgressChange, transaction?: Transaction): Promise<void> {
    if (change.status) this.status = change.status;
    if (change.progress !== undefined)
      this.percent = Math.max(this.percent, clamp(change.progress));
    if (change.stats) this.counters = { ...this.counters, ...change.stats };
    if (change.error !== undefined) this.error = change.error;
    const [updated] = await this.scope.models.KnowledgeSource.update(
      {
        status: this.status,
        progress: this.percent,
        stats: { ...this.counters },
        error: this.error,
      },
      { where: { id: this.ids.sourceId, workspaceId: this.ids.workspaceId }, transaction },
    );
    if (updated === 0) throw new SourceGoneError(this.ids.sourceId);
    const event = {
      ...this.ids,
      status: this.status,
      progress: this.percent,
      stats: { ...this.counters },
      error: this.error,
      updatedAt: new Date().toISOString(),
    };
    if (transaction) transaction.afterCommit(() => this.publisher.publish(event));
    else await this.publisher.publish(event);
  }
}

const clamp = (percent: number): number => Math.min(100, Math.max(0, Math.floor(percent)));
