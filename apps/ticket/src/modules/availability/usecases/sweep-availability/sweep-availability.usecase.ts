import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { trackedPresenceKey } from '@cxgenie/contracts';
import { REDIS_CLIENT } from '@cxgenie/redis';
import { RecomputeAvailability } from '../recompute-availability/recompute-availability.usecase';

/**
 * Revisits every agent with presence facts: the inactive become idle, and those whose gateway
 * died without a disconnect go offline. Nothing else notices either: they are the absence of
 * an event.
 */
@Injectable()
export class SweepAvailability {
  private readonly logger = new Logger(SweepAvailability.name);

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly recompute: RecomputeAvailability,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** Returns how many agents changed. */
  async execute(): Promise<number> {
    const tracked = await this.redis.smembers(trackedPresenceKey(this.config.queuePrefix));
    let changed = 0;
    for (const entry of tracked) {
      const [workspaceId, userId] = entry.split(':');
      if (!workspaceId || !userId) continue;
      try {
        if (await this.recompute.execute({ workspaceId, userId, source: 'sweep' })) changed += 1;
      } catch (error) {
        this.logger.warn(`presence sweep of ${entry}: ${(error as Error).message}`);
      }
    }
    return changed;
  }
}
