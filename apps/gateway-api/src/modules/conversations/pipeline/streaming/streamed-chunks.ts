import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { MessageChunkPayload } from '@cxgenie/contracts';
import { type HeldLock, REDIS_CLIENT } from '@cxgenie/redis';
import type { RealtimeWireMessage } from '@cxgenie/realtime';
import { streamedChunksKey } from '../ordering/conversation-keys';

/** Long enough for any answer still streaming; a crashed worker's chunks go with it. */
const TTL_MS = 5 * 60_000;
// In the conversation lock's hash slot, as the chunk script (lock and log) and the progress
// record (progress and log) need on a Redis Cluster.
const key = streamedChunksKey;

/**
 * Lua that deletes the log (`logKey`) only while it still holds the chunks of reply `replyId`
 * (both Lua expressions): a worker that lost the conversation must not wipe the chunks of the
 * answer now streaming in its place. Shared with the progress hint's script, which forgets the log
 * of the reply it records as committed.
 */
export const forgetChunksIfOursLua = (logKey: string, replyId: string): string => `
local first = redis.call('LINDEX', ${logKey}, 0)
if first and string.find(first, ${replyId}, 1, true) then return redis.call('DEL', ${logKey}) end
return 0`;
const FORGET_IF_OURS = forgetChunksIfOursLua('KEYS[1]', 'ARGV[1]');

// One round trip per chunk: only while the worker still holds the conversation's lock (the token
// compared, as RedisLocks does), log the chunk for late sockets, then publish it to the customer's
// room in the Socket.IO adapter's format. Logged before published, so a socket that joins between
// the two reads it; never published once the lock is lost. Returns 1 when published, 0 when not.
// KEYS: lock, chunk log. ARGV: lock token, '1' for a reply's first chunk, chunk JSON, log TTL (ms),
// channel, message.
const PUBLISH_IF_HELD = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '1' then redis.call('DEL', KEYS[2]) end
redis.call('RPUSH', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PUBLISH', ARGV[5], ARGV[6])
return 1`;

interface ChunkCommands {
  publishChunkIfHeld(
    lockKey: string,
    logKey: string,
    token: string,
    first: '0' | '1',
    chunk: string,
    ttlMs: number,
    channel: string,
    message: Buffer | string,
  ): Promise<number>;
  forgetChunksIfOurs(logKey: string, messageId: string): Promise<number>;
}

/**
 * What a conversation's answer in flight has streamed so far, in Redis, so a socket that
 * (re)connects mid-answer, on any gateway instance, is sent the chunks it missed: the Socket.IO
 * adapter keeps no history, and PostgreSQL has the reply only once it is committed. One answer
 * streams per conversation at a time (the conversation's lock), so the log holds one reply.
 */
@Injectable()
export class StreamedChunks {
  private readonly commands: ChunkCommands;

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {
    redis.defineCommand('publishChunkIfHeld', { numberOfKeys: 2, lua: PUBLISH_IF_HELD });
    redis.defineCommand('forgetChunksIfOurs', { numberOfKeys: 1, lua: FORGET_IF_OURS });
    this.commands = redis as unknown as ChunkCommands;
  }

  /**
   * Logs the chunk and publishes it (`wire`, the broadcast's encoded form) if `lock` is still
   * held, in one round trip; false when it is not (nothing logged or published). The first chunk
   * of a reply supersedes whatever an abandoned attempt left. A Redis failure is thrown, as a
   * failed ownership check is: the answer cannot go on without knowing it still owns the
   * conversation.
   */
  async publish(
    chunk: MessageChunkPayload,
    lock: HeldLock,
    wire: RealtimeWireMessage,
  ): Promise<boolean> {
    const published = await this.commands.publishChunkIfHeld(
      lock.key,
      key(chunk.conversationId),
      lock.token,
      chunk.chunkIndex === 0 ? '1' : '0',
      JSON.stringify(chunk),
      TTL_MS,
      wire.channel,
      wire.message,
    );
    return published === 1;
  }

  /**
   * The reply was retracted (or committed without a progress record to go with it): its chunks are
   * of no more use. A committed answer's are forgotten with its progress record
   * (ConversationProgress.recordCommitted), in the same round trip.
   */
  forget(conversationId: string, messageId: string): void {
    void this.commands.forgetChunksIfOurs(key(conversationId), messageId).catch(() => 0);
  }

  /** The chunks of the answer in flight, in order (none when nothing streams). */
  async read(conversationId: string): Promise<MessageChunkPayload[]> {
    const entries = await this.redis.lrange(key(conversationId), 0, -1);
    return entries.map((entry) => JSON.parse(entry) as MessageChunkPayload);
  }
}
