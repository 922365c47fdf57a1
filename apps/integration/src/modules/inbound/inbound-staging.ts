import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import type { NormalizedInboundMessage } from '@cxgenie/contracts';
import { currentTraceId } from '@cxgenie/observability';
import { REDIS_CLIENT } from '@cxgenie/redis';
import { IntegrationKeys } from '../../core-modules/locks/integration-keys';
import { type StagedMessage, stagedMember, stagingGroupOf } from './staged-message';

/**
 * How long a customer's messages wait before they are accepted, so that deliveries arriving out of
 * order (platforms retry and deliver in parallel) are accepted in the order the customer sent them.
 */
export const REORDER_WINDOW_MS = 750;

// Dedupe and staging in one atomic step: a message is marked seen only if it is staged too, so a
// failure in between can never make the platform's redelivery look like a duplicate.
const STAGE = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
  redis.call('ZADD', KEYS[3], 'NX', ARGV[5], ARGV[4])
  return 1
end
return 0`;

// After a flush: forget the group when it is empty, or give what arrived meanwhile its own window.
const SETTLE = `
if redis.call('ZCARD', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 0
end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return 1`;

/** The scripts as commands: sent once, then run by their hash (EVALSHA). */
interface StagingCommands {
  stageInbound(...args: (string | number)[]): Promise<number>;
  settleInbound(...args: (string | number)[]): Promise<number>;
}

export interface StagingResult {
  staged: number;
  duplicates: number;
}

/**
 * The inbound buffer in Redis: one sorted set per customer of a channel, scored by the platform's
 * timestamp, plus a sorted set of groups by the time they are due. The webhook only writes here
 * (one round trip), so it answers in about a millisecond; the flush worker accepts due groups
 * into PostgreSQL in timestamp order.
 *
 * The scripts go through the service's auto-pipelined client rather than a pipeline of their own:
 * a delivery's messages still leave in one write, and so do those of every webhook that reaches
 * this point in the same turn of the event loop, or while the previous write is unanswered. When
 * webhooks queue up (a GC pause, a busy machine), they catch up in a few writes instead of one
 * write, one Redis wake-up and one reply read each (ADR 0062).
 */
@Injectable()
export class InboundStaging {
  private readonly dedupeTtlSeconds: number;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    private readonly keys: IntegrationKeys,
  ) {
    this.dedupeTtlSeconds = config.channels.webhookDedupeTtlSeconds;
    redis.defineCommand('stageInbound', { numberOfKeys: 3, lua: STAGE });
    redis.defineCommand('settleInbound', { numberOfKeys: 2, lua: SETTLE });
  }

  async stage(
    workspaceId: string,
    messages: readonly NormalizedInboundMessage[],
  ): Promise<StagingResult> {
    if (messages.length === 0) return { staged: 0, duplicates: 0 };
    const arrivedAt = Date.now();
    const redis = this.redis as Redis & StagingCommands;
    const traceId = currentTraceId() ?? null;
    const results = messages.map((message) => {
      const staged: StagedMessage = { message, workspaceId, traceId, arrivedAt };
      const group = stagingGroupOf(message);
      const { score, member } = stagedMember(staged);
      return redis.stageInbound(
        this.keys.seen(message.channelId, message.platformMessageId),
        this.keys.staged(group),
        this.keys.dueGroups(),
        this.dedupeTtlSeconds,
        score,
        member,
        group,
        arrivedAt + REORDER_WINDOW_MS,
      );
    });
    // Every script settles before the answer, so a failure is reported after all were tried.
    const settled = await Promise.allSettled(results);
    let staged = 0;
    for (const outcome of settled) {
      if (outcome.status === 'rejected') throw outcome.reason;
      if (outcome.value === 1) staged += 1;
    }
    return { staged, duplicates: messages.length - staged };
  }

  /** Groups whose window has passed, oldest first. */
  due(limit: number, now = Date.now()): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.dueGroups(), '-inf', String(now), 'LIMIT', 0, limit);
  }

  /** A group's staged members, in the order to accept them. */
  members(group: string): Promise<string[]> {
    return this.redis.zrange(this.keys.staged(group), '0', '-1');
  }

  async remove(group: string, members: readonly string[]): Promise<void> {
    if (members.length > 0) await this.redis.zrem(this.keys.staged(group), ...members);
  }

  /** Done with a group for now: `retryInMs` when something is left, or arrived meanwhile. */
  async settle(group: string, retryInMs: number = REORDER_WINDOW_MS): Promise<void> {
    await (this.redis as Redis & StagingCommands).settleInbound(
      this.keys.staged(group),
      this.keys.dueGroups(),
      group,
      Date.now() + retryInMs,
    );
  }
}
