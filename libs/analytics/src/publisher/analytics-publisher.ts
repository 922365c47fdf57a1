import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { type AnalyticsEventsJobData, type AnalyticsFact, QueueNames } from '@cxgenie/contracts';
import { currentTraceId, newTraceId } from '@cxgenie/observability';

/** At most this long between a fact and its job; long enough to gather a busy moment's facts. */
export const ANALYTICS_FLUSH_MS = 50;
const MAX_BATCH = 500;

/** A fact's id when nothing natural identifies it (a usage, an assignment): made once, kept on retries. */
export const newFactId = (): string => randomUUID();

/** Distributes `Omit` over the fact union, so each fact type keeps its own fields. */
type WithoutTrace<T> = T extends unknown ? Omit<T, 'traceId'> : never;

/**
 * Puts analytics facts on `analytics.events` in batches (one job for many facts) instead of one
 * job per fact: the conversation pipeline records several for every message and must never wait
 * for them. Any service records facts through this; gateway-api, which owns ClickHouse, writes
 * them. Facts still buffered are flushed on shutdown; a failed flush is logged, not retried
 * (analytics may lose a fact, a conversation may not lose a message).
 */
@Injectable()
export class AnalyticsPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(AnalyticsPublisher.name);
  private buffer: AnalyticsFact[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectQueue(QueueNames.AnalyticsEvents)
    private readonly queue: Queue<AnalyticsEventsJobData>,
  ) {}

  /** Records a fact under the current trace. Never throws, never waits. */
  record(fact: WithoutTrace<AnalyticsFact>): void {
    this.buffer.push({ ...fact, traceId: currentTraceId() ?? undefined } as AnalyticsFact);
    if (this.buffer.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), ANALYTICS_FLUSH_MS);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return;
    try {
      await this.queue.add({ events: batch, traceId: newTraceId() });
    } catch (error) {
      this.logger.warn(`${batch.length} analytics facts dropped: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
