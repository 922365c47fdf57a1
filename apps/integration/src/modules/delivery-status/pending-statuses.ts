import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { PlatformStatusUpdate } from '@cxgenie/contracts';
import { REDIS_CLIENT } from '@cxgenie/redis';
import { IntegrationKeys } from '../../core-modules/locks/integration-keys';

/** Long enough for any send to finish and record its ids; a receipt older than that is noise. */
const PENDING_TTL_SECONDS = 3_600;

/**
 * Receipts that arrived before we knew their message: a platform may report "delivered" before
 * its answer to our send call reached us. They are kept briefly and applied once the send has
 * stored the message's platform ids.
 */
@Injectable()
export class PendingStatuses {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly keys: IntegrationKeys,
  ) {}

  async keep(update: PlatformStatusUpdate): Promise<void> {
    const key = this.keys.pendingStatus(update.channelId, update.platformMessageId);
    await this.redis
      .multi()
      .rpush(key, JSON.stringify(update))
      .expire(key, PENDING_TTL_SECONDS)
      .exec();
  }

  /** Takes (and forgets) whatever waited for these ids. */
  async take(
    channelId: string,
    platformMessageIds: readonly string[],
  ): Promise<PlatformStatusUpdate[]> {
    if (platformMessageIds.length === 0) return [];
    const pipeline = this.redis.multi();
    for (const id of platformMessageIds) {
      const key = this.keys.pendingStatus(channelId, id);
      pipeline.lrange(key, 0, -1).del(key);
    }
    const results = (await pipeline.exec()) ?? [];
    return results
      .filter((_, i) => i % 2 === 0)
      .flatMap(([, value]) => (Array.isArray(value) ? (value as string[]) : []))
      .map((raw) => JSON.parse(raw) as PlatformStatusUpdate);
  }
}
