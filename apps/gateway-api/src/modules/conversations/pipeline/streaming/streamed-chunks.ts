import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { MessageChunkPayload } from '@cxgenie/contracts';
import { REDIS_CLIENT } from '@cxgenie/redis';

/** Long enough for any answer still streaming; a crashed worker's chunks go with it. */
const TTL_MS = 5 * 60_000;
const key = (conversationId: string) => `streamed-chunks:${conversationId}`;

// Deletes the log only while it still holds this reply's chunks: a worker that lost the
// conversation must not wipe the chunks of the answer now streaming in its place.
const FORGET_IF_OURS = `
local first = redis.call('LINDEX', KEYS[1], 0)
if first and string.find(first, ARGV[1], 1, true) then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * What a conversation's answer in flight has streamed so far, in Redis, so a socket that
 * (re)connects mid-answer, on any gateway instance, is sent the chunks it missed: the Socket.IO
 * adapter keeps no history, and PostgreSQL has the reply only once it is committed. One answer
 * streams per conversation at a time (the conversation's lock), so the log holds one reply.
 */
@Injectable()
export class StreamedChunks {
  private readonly logger = new Logger(StreamedChunks.name);

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  /**
   * Awaited before the chunk is published: a socket that joins the room after the publish reads
   * it here. Best effort, like the broadcast itself: a failure costs a reconnecting client the
   * chunks (the stored reply still arrives whole with `message.completed`).
   */
  async append(chunk: MessageChunkPayload): Promise<void> {
    const k = key(chunk.conversationId);
    const multi = this.redis.multi();
    // The first chunk of a reply under the lock supersedes whatever an abandoned attempt left.
    if (chunk.chunkIndex === 0) multi.del(k);
    multi.rpush(k, JSON.stringify(chunk)).pexpire(k, TTL_MS);
    await multi.exec().catch((error: Error) => {
      this.logger.warn(`streamed chunk not logged: ${error.message}`);
    });
  }

  /** The reply was committed (PostgreSQL has it) or retracted: its chunks are of no more use. */
  forget(conversationId: string, messageId: string): void {
    void this.redis.eval(FORGET_IF_OURS, 1, key(conversationId), messageId).catch(() => 0);
  }

  /** The chunks of the answer in flight, in order (none when nothing streams). */
  async read(conversationId: string): Promise<MessageChunkPayload[]> {
    const entries = await this.redis.lrange(key(conversationId), 0, -1);
    return entries.map((entry) => JSON.parse(entry) as MessageChunkPayload);
  }
}
