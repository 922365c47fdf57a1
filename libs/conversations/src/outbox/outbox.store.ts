import { Injectable } from '@nestjs/common';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { QueueName } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import type { OutboxJob } from './outbox';

export interface PendingOutboxJob extends OutboxJob {
  id: string;
}

/**
 * The outbox's rows, written by the committing statements of the conversation owner (see
 * ConversationFenceStore). The committer publishes its jobs and removes them; a relay publishes
 * whatever a crashed committer left, oldest first.
 */
@Injectable()
export class OutboxStore {
  /** The jobs are published: their rows go. */
  async published(scope: TenantScope, jobs: readonly Pick<OutboxJob, 'queue' | 'jobId'>[]) {
    if (jobs.length === 0) return;
    await scope.sequelize.query(
      `DELETE FROM outbox o USING jsonb_to_recordset(CAST(:jobs AS jsonb)) AS j (queue text, "jobId" text)
        WHERE o.workspace_id = :workspaceId AND o.queue = j.queue AND o.job_id = j."jobId"`,
      {
        replacements: {
          workspaceId: scope.workspaceId,
          jobs: JSON.stringify(jobs.map(({ queue, jobId }) => ({ queue, jobId }))),
        },
      },
    );
  }

  /** Rows older than `before` (their committer is gone or late), oldest first. */
  async leftBehind(sequelize: Sequelize, before: Date, limit: number): Promise<PendingOutboxJob[]> {
    const rows = await sequelize.query<{
      id: string;
      queue: QueueName;
      job_id: string;
      payload: object;
    }>(
      `SELECT id, queue, job_id, payload FROM outbox WHERE created_at < :before
        ORDER BY created_at LIMIT :limit`,
      { replacements: { before, limit }, type: QueryTypes.SELECT },
    );
    return rows.map((row) => ({
      id: row.id,
      queue: row.queue,
      jobId: row.job_id,
      payload: row.payload,
    }));
  }

  async remove(sequelize: Sequelize, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await sequelize.query('DELETE FROM outbox WHERE id IN (:ids)', { replacements: { ids } });
  }
}
