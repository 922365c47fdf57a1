import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '@cxgenie/redis';
import { forgetChunksIfOursLua } from '../streaming/streamed-chunks';
import { conversationProgressKey, streamedChunksKey } from './conversation-keys';

const TTL_SECONDS = 3_600;

// The record of a committed answer, and its chunk log forgotten, in one round trip.
// KEYS: progress, chunk log. ARGV: seq, TTL (s), the reply's message id.
const RECORD_AND_FORGET = `redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
${forgetChunksIfOursLua('KEYS[2]', 'ARGV[3]')}`;

interface ProgressCommands {
  recordProgressForgetChunks(
    progressKey: string,
    logKey: string,
    seq: number,
    ttlSeconds: number,
    replyId: string,
  ): Promise<number>;
}

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
  private readonly commands: ProgressCommands;

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {
    redis.defineCommand('recordProgressForgetChunks', { numberOfKeys: 2, lua: RECORD_AND_FORGET });
    this.commands = redis as unknown as ProgressCommands;
  }

  /** Best effort: a lost write only costs a later job the slow path. */
  record(conversationId: string, seq: number): void {
    void this.redis
      .set(conversationProgressKey(conversationId), seq, 'EX', TTL_SECONDS)
      .catch(() => undefined);
  }

  /**
   * record() for a message just answered by a committed reply, and, when that reply was streamed
   * (`streamedReplyId`), its chunk log dropped in the same script, as StreamedChunks.forget does:
   * a socket connecting from now on reads the reply from PostgreSQL.
   */
  recordCommitted(conversationId: string, seq: number, streamedReplyId: string | null): void {
    if (streamedReplyId === null) return this.record(conversationId, seq);
    void this.commands
      .recordProgressForgetChunks(
        conversationProgressKey(conversationId),
        streamedChunksKey(conversationId),
        seq,
        TTL_SECONDS,
        streamedReplyId,
      )
      .catch(() => 0);
  }
}
