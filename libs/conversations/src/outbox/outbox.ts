import type { QueueName } from '@cxgenie/contracts';
import { pgSafeValue } from '@cxgenie/database';

/** A job to publish once the statement that writes it commits. */
export interface OutboxJob {
  queue: QueueName;
  /** The Bull job id: publishing the same row twice (a relay after a slow committer) adds once. */
  jobId: string;
  payload: object;
}

/** The jobs as one parameter (a jsonb array) of the statement that commits them. */
export const outboxParameter = (jobs: readonly OutboxJob[]): string =>
  JSON.stringify(pgSafeValue(jobs));

/**
 * A CTE inserting the jobs of parameter `$jobsParam` once per row of `fromCte` (the committed
 * change: when it changed nothing, nothing is written).
 */
export const outboxInsertSql = (jobsParam: number, workspaceParam: number, fromCte: string) =>
  `outboxed AS (
     INSERT INTO outbox (workspace_id, queue, job_id, payload)
     SELECT $${workspaceParam}::uuid, job ->> 'queue', job ->> 'jobId', job -> 'payload'
       FROM ${fromCte}, jsonb_array_elements($${jobsParam}::jsonb) AS jobs (job)
     RETURNING id
   )`;
