import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import type { JobOptions, Queue } from 'bull';
import { type QueueName, QueueNames } from '@cxgenie/contracts';
import { type OutboxJob, OutboxStore } from '@cxgenie/conversations';
import { type TenantDatabase, type TenantScope, TenantConnections } from '@cxgenie/database';

const RELAY_BATCH = 200;

/**
 * Publishes the pipeline's outbox jobs to Bull: right after the commit that wrote them (the usual
 * way), and from the sweep for any a crashed committer left behind. Publishing twice adds once
 * (the row's job id is the Bull job id), and the consumers are idempotent besides.
 */
@Injectable()
export class OutboxPublisher {
  private readonly logger = new Logger(OutboxPublisher.name);
  private readonly queues: Partial<Record<QueueName, Queue>>;
  private readonly options: Partial<Record<QueueName, JobOptions>>;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly tenants: TenantConnections,
    @InjectQueue(QueueNames.HandoffRequests) handoffRequests: Queue,
    @InjectQueue(QueueNames.BotNotEnoughData) notEnoughData: Queue,
    @InjectQueue(QueueNames.AttemptedAnswers) attemptedAnswers: Queue,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.queues = {
      [QueueNames.HandoffRequests]: handoffRequests,
      [QueueNames.BotNotEnoughData]: notEnoughData,
      [QueueNames.AttemptedAnswers]: attemptedAnswers,
    };
    this.options = {
      // An owed attempt is checked once the live one has had time to arrive (ADR 0058).
      [QueueNames.AttemptedAnswers]: { delay: config.attemptRecoveryDelayMs },
    };
  }

  /** After the commit: publish, then remove the rows (a failure leaves them for the relay). */
  async publish(scope: TenantScope, jobs: readonly OutboxJob[]): Promise<void> {
    for (const job of jobs) await this.add(job);
    await this.outbox.published(scope, jobs);
  }

  /** The sweep's part: jobs left behind by committers that died before publishing them. */
  async relayLeftBehind(): Promise<number> {
    const databases = await this.tenants.databases((workspaceId, error) =>
      this.logger.warn(`outbox relay skipped workspace ${workspaceId}: ${error.message}`),
    );
    let relayed = 0;
    for (const database of databases)
      relayed += await this.relay(database).catch((error: Error) => {
        this.logger.warn(`outbox relay of database ${database.key} failed: ${error.message}`);
        return 0;
      });
    if (relayed > 0) this.logger.warn(`${relayed} job(s) left in the outbox were published now`);
    return relayed;
  }

  private async relay({ sequelize }: TenantDatabase): Promise<number> {
    const jobs = await this.outbox.leftBehind(
      sequelize,
      // A committer that has not published its jobs within the sweep's grace is presumed dead.
      new Date(Date.now() - this.config.conversationSweep.graceMs),
      RELAY_BATCH,
    );
    for (const job of jobs) await this.add(job);
    await this.outbox.remove(
      sequelize,
      jobs.map((job) => job.id),
    );
    return jobs.length;
  }

  private async add({ queue, jobId, payload }: OutboxJob): Promise<void> {
    const target = this.queues[queue];
    if (!target) throw new Error(`the outbox has a job for ${queue}, which it cannot publish`);
    await target.add(payload, { ...this.options[queue], jobId });
  }
}
