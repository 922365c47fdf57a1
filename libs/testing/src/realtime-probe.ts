import { Redis } from 'ioredis';
import { decode } from 'notepack.io';
import type { ServerEvent, ServerEventPayloads } from '@cxgenie/contracts';
import { TEST_REDIS_URL } from './test-env';

/** One broadcast as the Socket.IO Redis adapter would deliver it. */
export interface CapturedBroadcast {
  namespace: string;
  rooms: string[];
  event: string;
  payload: unknown;
}

/**
 * Listens to what services broadcast to Socket.IO clients through Redis (the `RealtimeBroadcaster`
 * format), without a gateway: a service's tests can assert what its customers and agents would be
 * told. Decodes the adapter's own wire format, so it sees exactly what a gateway would relay.
 */
export class RealtimeProbe {
  readonly broadcasts: CapturedBroadcast[] = [];

  private constructor(private readonly redis: Redis) {}

  static async start(redisUrl = TEST_REDIS_URL): Promise<RealtimeProbe> {
    const redis = new Redis(redisUrl);
    const probe = new RealtimeProbe(redis);
    redis.on('pmessageBuffer', (_pattern: Buffer, _channel: Buffer, message: Buffer) => {
      const [, packet, options] = decode(message) as [
        string,
        { nsp: string; data: [string, unknown] },
        { rooms: string[] },
      ];
      const [event, payload] = packet.data;
      probe.broadcasts.push({ namespace: packet.nsp, rooms: options.rooms, event, payload });
    });
    await redis.psubscribe('socket.io#*');
    return probe;
  }

  /** Payloads of `event` sent to `room` (in any namespace), in the order they were broadcast. */
  to<E extends ServerEvent>(room: string, event: E): ServerEventPayloads[E][] {
    return this.broadcasts
      .filter((b) => b.event === event && b.rooms.includes(room))
      .map((b) => b.payload as ServerEventPayloads[E]);
  }

  /** Payloads of `event` in any room. */
  of<E extends ServerEvent>(event: E): ServerEventPayloads[E][] {
    return this.broadcasts
      .filter((b) => b.event === event)
      .map((b) => b.payload as ServerEventPayloads[E]);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
