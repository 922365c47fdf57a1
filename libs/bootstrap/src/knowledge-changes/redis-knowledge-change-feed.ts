import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createRedisClient } from '@cxgenie/redis';
import type {
  KnowledgeChange,
  KnowledgeChangeFeed,
  VectorStoreTarget,
} from '@cxgenie/vector-store';

/**
 * The pub/sub channel of one store's writes: named after the store itself (the LanceDB directory,
 * or the Milvus address), not the queue prefix, so every process sharing the store, and only
 * those, hear each other. (Two machines with embedded stores at the same path would only hear
 * harmless extra announcements.)
 */
export const knowledgeChangesChannel = (target: VectorStoreTarget): string => {
  const identity =
    target.kind === 'lancedb' ? `lancedb:${resolve(target.dataDir)}` : `milvus:${target.address}`;
  return `cxgenie:knowledge-changed:${createHash('sha1').update(identity).digest('hex').slice(0, 16)}`;
};

/**
 * Knowledge writes announced over Redis pub/sub. Listeners of this process hear its own writes at
 * once (no round trip); other processes hear them through Redis. The subscriber connection opens
 * with the first listener, so a process that only writes (the loader) holds none. When it
 * reconnects, listeners hear `null`: announcements made meanwhile are lost, so everything counts
 * as changed.
 */
export class RedisKnowledgeChangeFeed implements KnowledgeChangeFeed {
  private readonly logger = new Logger(RedisKnowledgeChangeFeed.name);
  private readonly listeners = new Set<(change: KnowledgeChange | null) => void>();
  private subscriber: Redis | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly redisUrl: string,
    private readonly channel: string,
    private readonly connectionName: string,
  ) {}

  publish(change: KnowledgeChange): void {
    this.emit(change);
    // A lost announcement costs staleness until the listeners' periodic check, never an error.
    this.redis
      .publish(this.channel, JSON.stringify(change))
      .catch((error: Error) =>
        this.logger.warn(`knowledge change not announced: ${error.message}`),
      );
  }

  subscribe(listener: (change: KnowledgeChange | null) => void): () => void {
    this.listeners.add(listener);
    this.subscriber ??= this.connect();
    return () => this.listeners.delete(listener);
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = null;
    this.listeners.clear();
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
  }

  private connect(): Redis {
    const subscriber = createRedisClient(this.redisUrl, {
      connectionName: `${this.connectionName}-knowledge-sub`,
    });
    subscriber.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    let subscribedOnce = false;
    // ioredis re-subscribes by itself after a reconnect; 'ready' fires each time it is back.
    subscriber.on('ready', () => {
      if (subscribedOnce) this.emit(null);
      subscribedOnce = true;
    });
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      try {
        // Its own announcements come back too: one extra, harmless revision check.
        this.emit(JSON.parse(message) as KnowledgeChange);
      } catch {
        this.emit(null);
      }
    });
    void subscriber.subscribe(this.channel).catch((error: Error) => {
      this.logger.warn(`knowledge change subscription failed: ${error.message}`);
    });
    return subscriber;
  }

  private emit(change: KnowledgeChange | null): void {
    for (const listener of this.listeners) listener(change);
  }
}
