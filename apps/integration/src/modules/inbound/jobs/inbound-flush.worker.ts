import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { LogContext, newTraceId } from '@cxgenie/observability';
import { LockKeeper, RedisLocks } from '@cxgenie/redis';
import { IntegrationKeys } from '../../../core-modules/locks/integration-keys';
import { InboundStaging } from '../inbound-staging';
import { AcceptStagedMessages } from '../usecases/accept-staged-messages/accept-staged-messages.usecase';

/** How often an idle worker looks for due groups; a busy one goes straight on. */
const IDLE_POLL_MS = 100;
/** Groups flushed at once by one process (each is a few queries, mostly waiting on I/O). */
const GROUPS_PER_ROUND = 16;
const FLUSH_LOCK_TTL_MS = 30_000;
/** When a group could not be accepted (database down…), when to try it again. */
const RETRY_AFTER_FAILURE_MS = 2_000;

/**
 * Moves staged customer messages into their conversations once their reordering window has passed.
 * Any number of instances may run it: a group is flushed under a Redis lock, so by one at a time,
 * and what is left or arrived meanwhile is scheduled again rather than lost.
 */
@Injectable()
export class InboundFlushWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(InboundFlushWorker.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly staging: InboundStaging,
    private readonly acceptMessages: AcceptStagedMessages,
    private readonly locks: RedisLocks,
    private readonly keys: IntegrationKeys,
    private readonly logContext: LogContext,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.queueWorkers) this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One round: flush every due group (up to a batch); true if there may be more right away. */
  async flushDue(): Promise<boolean> {
    const groups = await this.staging.due(GROUPS_PER_ROUND);
    await Promise.all(groups.map((group) => this.flushGroup(group)));
    return groups.length === GROUPS_PER_ROUND;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.flushDue().then(
        (more) => this.schedule(more ? 0 : IDLE_POLL_MS),
        (error: Error) => {
          this.logger.warn(`inbound flush failed: ${error.message}`);
          this.schedule(RETRY_AFTER_FAILURE_MS);
        },
      );
    }, delayMs);
  }

  private async flushGroup(group: string): Promise<void> {
    const lock = await this.locks.acquire(this.keys.flushLock(group), FLUSH_LOCK_TTL_MS);
    if (!lock) return;
    const keeper = new LockKeeper(this.locks, lock, FLUSH_LOCK_TTL_MS).start();
    try {
      const members = await this.staging.members(group);
      const outcome = await this.logContext.run(newTraceId(), () =>
        this.acceptMessages.execute(members),
      );
      await this.staging.remove(group, outcome.settled);
      await this.staging.settle(group, outcome.retry ? RETRY_AFTER_FAILURE_MS : undefined);
    } catch (error) {
      this.logger.warn(`flushing ${group} failed, will retry: ${(error as Error).message}`);
      await this.staging.settle(group, RETRY_AFTER_FAILURE_MS).catch(() => undefined);
    } finally {
      await keeper.release();
    }
  }
}
