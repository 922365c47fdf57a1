import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { KNOWLEDGE_PROGRESS_CHANNEL, type KnowledgeSourceProgressEvent } from '@cxgenie/contracts';
import { REDIS_CLIENT } from '@cxgenie/redis';

/**
 * Publishes source progress for gateway-api to push to the workspace's dashboards. Pub/sub is
 * fire-and-forget: a dashboard that missed an event reads the state from the status endpoint,
 * which PostgreSQL answers, so a failed publish is logged and never fails the job.
 */
@Injectable()
export class ProgressPublisher {
  private readonly logger = new Logger(ProgressPublisher.name);

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async publish(event: KnowledgeSourceProgressEvent): Promise<void> {
    try {
      await this.redis.publish(KNOWLEDGE_PROGRESS_CHANNEL, JSON.stringify(event));
    } catch (error) {
      this.logger.warn(`progress of source ${event.sourceId} not published: ${String(error)}`);
    }
  }
}
