import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT, lockSlotKey } from '@cxgenie/redis';

const TTL_SECONDS = 3_600;

/**
 * A hint, in Redis, of how far a conversation's customer messages have been handled. A drain
 * answers every waiting message, so the jobs queued for the later ones usually find their message
 * already answered: the hint lets them leave without the lock or a query. It is written only after
 * the database committed that far, so it can be behind the truth, never ahead; PostgreSQL's
 * `processed_inbound_seq` stays the fence. It sits in the conversation lock's hash slot, so a job
 * checks it and takes the lock in one script (ConversationLocks.holdUnlessHandled).
 */
@Injectable()
export class ConversationProgress {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  /** Best effort: a lost write only costs a later job the slow path. */
  record(conversationId: string, seq: number): void {
    void this.redis
      .set(conversationProgressKey(conversationId), seq, 'EX', TTL_SECONDS)
      .catch(() => undefined);
  }
}

/**
 * The per-conversation mutex of the pipeline (see RedisLocks). An agent taking the conversation
 * over preempts it, which stops the bot's answer in flight.
 */
export const conversationLockKey = (conversationId: string): string =>
  `lock:conversation:${conversationId}`;

/** The progress hint, in the lock's hash slot: `{lock:conversation:<id>}:progress`. */
export const conversationProgressKey = (conversationId: string): string =>
  lockSlotKey(conversationLockKey(conversationId), 'progress');
