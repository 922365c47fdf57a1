import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { type AnalyticsEvent, type AnalyticsEventsJobData, QueueNames } from '@cxgenie/contracts';
import { newTraceId } from '@cxgenie/observability';

/** At most this long between an event and its job; long enough to gather a busy moment's events. */
export const ANALYTICS_FLUSH_MS = 50;
const MAX_BATCH = 500;

/**
 * Puts analytics facts on `analytics.events` in batches (one job for many facts) instead of one
 * job per fact: the conversation pipeline records one for every answer, and must
 * never wait for it. Events still buffered are flushed on shutdown; a failed flush is logged, not
 * retried (analytics may lose a fact, a conversation may not lose a message).
 */
@Injectable()
export class AnalyticsEventsPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(AnalyticsEventsPublisher.name);
  private buffer: AnalyticsEvent[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectQueue(QueueNames.AnalyticsEvents)
    private readonly queue: Queue<AnalyticsEventsJobData>,
  ) {}

  record(event: AnalyticsEvent): void {
    this.buffer.push(event);
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
      this.logger.warn(`${batch.length} analytics events dropped: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
