import { Inject, Injectable, Logger } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import {
  type MessagePayload,
  type MessageStatusPayload,
  ServerEvents,
  SocketNamespaces,
  conversationRoom,
  workspaceRoom,
} from '@cxgenie/contracts';
import { REDIS_CLIENT } from '@cxgenie/redis';

/**
 * Tells the dashboard what happened on a platform channel. The integration service has no
 * sockets of its own: it publishes through Redis in the format of gateway-api's Socket.IO Redis
 * adapter, and every gateway instance delivers to its clients in the rooms named, exactly as if it
 * had emitted the event itself.
 */
@Injectable()
export class DashboardEvents {
  private readonly logger = new Logger(DashboardEvents.name);
  private readonly emitter: Emitter;

  constructor(@Inject(REDIS_CLIENT) redis: Redis) {
    // The emitter publishes without awaiting; a failed publish must be logged, not crash Node.
    const publisher = {
      publish: (channel: string, message: Buffer | string) =>
        redis.publish(channel, message).catch((error: Error) => {
          this.logger.warn(`dashboard event not published: ${error.message}`);
          return 0;
        }),
    };
    this.emitter = new Emitter(publisher);
  }

  /** A customer message accepted from a platform, for the agents watching live. */
  messageCreated(workspaceId: string, message: MessagePayload): void {
    this.emit(workspaceId, message.conversationId, ServerEvents.MessageCreated, message);
  }

  /** Sent, delivered, read or failed: a failure reaches every agent of the workspace. */
  messageStatus(workspaceId: string, status: MessageStatusPayload): void {
    this.emit(workspaceId, status.conversationId, ServerEvents.MessageStatus, status);
  }

  private emit(workspaceId: string, conversationId: string, event: string, payload: object): void {
    this.emitter
      .of(SocketNamespaces.Customer)
      .to(conversationRoom(conversationId))
      .emit(event, payload);
    this.emitter.of(SocketNamespaces.Agent).to(workspaceRoom(workspaceId)).emit(event, payload);
  }
}
