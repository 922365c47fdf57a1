import { Logger, type Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import type { EmbeddingSpace } from '@cxgenie/embeddings';
import { REDIS_CLIENT } from '@cxgenie/redis';
import type { VectorScope } from '@cxgenie/vector-store';

/** A bot searched in one embedding space. */
export interface HotBot {
  space: EmbeddingSpace;
  scope: VectorScope;
}

/** The record is a hint: the most recently searched bots, not every bot ever searched. */
export const HOT_BOTS_KEPT = 1_000;

/** A bot's use is written at most this often per process, so a busy bot costs no write per search. */
export const HOT_BOT_NOTE_INTERVAL_MS = 60_000;

const memberOf = ({ space, scope }: HotBot): string =>
  JSON.stringify([space.model, space.dimensions, scope.workspaceId, scope.botId]);

const botOf = (member: string): HotBot | null => {
  try {
    const parsed: unknown = JSON.parse(member);
    if (!Array.isArray(parsed) || parsed.length !== 4) return null;
    const [model, dimensions, workspaceId, botId] = parsed as unknown[];
    if (typeof model !== 'string' || typeof dimensions !== 'number') return null;
    if (typeof workspaceId !== 'string' || typeof botId !== 'string') return null;
    return { space: { model, dimensions }, scope: { workspaceId, botId } };
  } catch {
    return null;
  }
};

/**
 * Which bots were searched lately, shared by every core-ai process through Redis: what a
 * restarted process builds in memory before it serves (ADR 0064). Derived data: losing it costs
 * a slow first search per bot, nothing else.
 */
export class HotBots {
  private readonly logger = new Logger(HotBots.name);
  private readonly notedAt = new Map<string, number>();

  /** `key`: the sorted set (bot → last search, epoch ms) all instances of one deployment share. */
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  static provider(): Provider {
    return {
      provide: HotBots,
      useFactory: (redis: Redis, config: ServiceConfig) =>
        new HotBots(redis, `${config.queuePrefix}:knowledge:hot-bots`),
      inject: [REDIS_CLIENT, SERVICE_CONFIG],
    };
  }

  /**
   * Notes that a bot was searched at `now`. A search does not wait for it (the promise is for
   * tests), and it never rejects: a failed note only leaves the bot cold after a restart.
   */
  async noteUse(bot: HotBot, now = Date.now()): Promise<void> {
    const member = memberOf(bot);
    const last = this.notedAt.get(member);
    if (last !== undefined && now - last < HOT_BOT_NOTE_INTERVAL_MS) return;
    if (this.notedAt.size >= HOT_BOTS_KEPT * 10) this.notedAt.clear();
    this.notedAt.set(member, now);
    try {
      const replies = await this.redis
        .multi()
        .zadd(this.key, now, member)
        .zremrangebyrank(this.key, 0, -(HOT_BOTS_KEPT + 1))
        .exec();
      // EXEC answers each command's error in its reply rather than failing.
      const failed = replies?.find(([error]) => error)?.[0];
      if (failed) throw failed;
    } catch (error) {
      this.notedAt.delete(member);
      this.logger.warn(
        `could not note bot ${bot.scope.botId} as searched: ${(error as Error).message}`,
      );
    }
  }

  /** Up to `limit` bots searched since `since` (epoch ms), the most recent first. */
  async recent(limit: number, since: number): Promise<HotBot[]> {
    if (limit <= 0) return [];
    const members = await this.redis.zrevrangebyscore(this.key, '+inf', since, 'LIMIT', 0, limit);
    return members.flatMap((member) => botOf(member) ?? []);
  }

  /** Drops a bot from the record (it has no knowledge left to warm). */
  async forget(bot: HotBot): Promise<void> {
    await this.redis.zrem(this.key, memberOf(bot));
  }
}
