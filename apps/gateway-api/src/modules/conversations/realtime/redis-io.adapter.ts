import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { createRedisClient } from '@cxgenie/redis';

/**
 * Socket.IO over the Redis pub/sub adapter: an emit to a room on any gateway instance reaches the
 * room's sockets on every instance. The adapter keeps no history, so reconnecting clients catch up
 * from PostgreSQL (conversation.resume), not from Socket.IO.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: 64 * 1024,
    }) as Server;
    const pub = createRedisClient(this.redisUrl, {
      connectionName: 'cxgenie:gateway-api:socket-pub',
      autoPipelining: true,
    });
    const sub = pub.duplicate({
      connectionName: 'cxgenie:gateway-api:socket-sub',
      enableAutoPipelining: false,
    });
    for (const client of [pub, sub]) client.on('error', () => undefined);
    quietPublishes(pub);
    this.clients.push(pub, sub);
    server.adapter(createAdapter(pub, sub));
    return server;
  }

  /** Once, after every namespace has closed: their adapters still unsubscribe while closing. */
  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all(this.clients.map((c) => c.quit().catch(() => c.disconnect())));
  }
}

/**
 * The adapter drops the promise of every publish. One that fails (an emit after the connection
 * closed, as when a worker finishes its answer while the instance shuts down) would be an
 * unhandled rejection; it only loses that broadcast, which clients recover through
 * conversation.resume.
 */
function quietPublishes(pub: Redis): void {
  const publish = pub.publish.bind(pub) as (channel: string, message: string) => Promise<number>;
  pub.publish = ((channel: string, message: string) =>
    publish(channel, message).catch(() => 0)) as Redis['publish'];
}
