import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { LogContext, newTraceId } from '@cxgenie/observability';
import { WarmHotBots } from './warm-hot-bots';

/** Longest shutdown waits for a bot being built when warming is stopped. */
export const SHUTDOWN_GRACE_MS = 2_000;

/** Waits for `work`, but no longer than `ms` (the timer does not outlive the wait). */
async function atMost(work: Promise<void>, ms: number): Promise<void> {
  const timer = new AbortController();
  await Promise.race([work, sleep(ms, undefined, { signal: timer.signal }).catch(() => undefined)]);
  timer.abort();
}

/**
 * Warms the hot bots when core-ai starts, so a restart or a new instance answers them from memory
 * from its first search instead of spending seconds on a large bot's first one. Start-up waits for
 * it up to `KNOWLEDGE_WARM_WAIT_MS`, so an orchestrator routes traffic to a warm instance;
 * whatever is left then goes on in the background, and shutdown stops it between two bots.
 */
@Injectable()
export class WarmOnStart implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WarmOnStart.name);
  private readonly stop = new AbortController();
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly warm: WarmHotBots,
    private readonly logContext: LogContext,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { warmBots, warmWaitMs } = this.config.knowledge;
    if (warmBots === 0) return;
    this.running = this.logContext.run(newTraceId(), () => this.run(warmBots));
    await atMost(this.running, warmWaitMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    // Warming stops between two bots; a build under way is not worth the shutdown deadline.
    await atMost(this.running, SHUTDOWN_GRACE_MS);
  }

  private async run(limit: number): Promise<void> {
    const started = performance.now();
    try {
      const { warmed, chunks, skipped } = await this.warm.execute(limit, this.stop.signal);
      if (warmed > 0 || skipped > 0)
        this.logger.log(
          `warmed ${warmed} bot(s), ${chunks} chunks, in ${Math.round(performance.now() - started)} ms (${skipped} skipped)`,
        );
    } catch (error) {
      this.logger.warn(`warming bots failed: ${(error as Error).message}`);
    }
  }
}
