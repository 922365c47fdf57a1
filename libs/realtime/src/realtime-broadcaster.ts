import { Inject, Injectable, Logger } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import {
  ServerEvents,
  type ServerEvent,
  type ServerEventPayloads,
  SocketNamespaces,
  type AccessRevokedReason,
  agentRoom,
  agentSessionRoom,
  conversationRoom,
  visitorRoom,
  workspaceRoom,
} from '@cxgenie/contracts';
import { REDIS_CLIENT } from '@cxgenie/redis';

/** A broadcast as the Socket.IO Redis adapter reads it: the channel and the encoded packet. */
export interface RealtimeWireMessage {
  channel: string;
  message: Buffer | string;
}

/**
 * The one way any service reaches customers and agents. It publishes through Redis in the format
 * of gateway-api's Socket.IO Redis adapter, so every gateway instance delivers to its own sockets
 * in the rooms named, exactly as if it had emitted the event itself; services without sockets
 * (ticket, integration, loader, email, flags) and gateway-api alike go through here. Rooms are the ones
 * `libs/contracts` declares; payloads are typed by `ServerEventPayloads`.
 *
 * gateway-api goes through here too rather than through its own Socket.IO namespaces: a room join
 * there (`socketsJoin`) is applied only after its Redis publish, so an event emitted right after
 * it could reach the local sockets before they joined. One Redis channel keeps joins and events
 * in the order they were made, on every instance.
 *
 * Publishes are fire-and-forget: a broadcast that fails (Redis down) is logged and lost, never an
 * error for the work that caused it; clients catch up from PostgreSQL (conversation.resume).
 */
@Injectable()
export class RealtimeBroadcaster {
  private readonly logger = new Logger(RealtimeBroadcaster.name);
  private readonly customers: Emitter;
  private readonly agents: Emitter;
  /** Encodes without publishing: `encodeToCustomers` reads what it would have published. */
  private readonly encoder: Emitter;
  private encoded: RealtimeWireMessage | null = null;

  constructor(@Inject(REDIS_CLIENT) redis: Redis) {
    // The emitter does not await its publishes; a failed one must be logged, not crash Node.
    const publisher = {
      publish: (channel: string, message: Buffer | string) =>
        redis.publish(channel, message).catch((error: Error) => {
          this.logger.warn(`realtime event not published: ${error.message}`);
          return 0;
        }),
    };
    const emitter = new Emitter(publisher);
    this.customers = emitter.of(SocketNamespaces.Customer);
    this.agents = emitter.of(SocketNamespaces.Agent);
    this.encoder = new Emitter({
      publish: (channel: string, message: Buffer | string) => {
        this.encoded = { channel, message };
        return Promise.resolve(0);
      },
    }).of(SocketNamespaces.Customer);
  }

  /**
   * What `toCustomers` would publish, for a caller that publishes it itself inside a Redis script
   * (PUBLISH is allowed there): a streamed chunk goes out in the same round trip as the check
   * that the worker still owns the conversation. The emitter encodes synchronously.
   */
  encodeToCustomers<E extends ServerEvent>(
    conversationId: string,
    event: E,
    payload: ServerEventPayloads[E],
  ): RealtimeWireMessage {
    this.encoder.to(conversationRoom(conversationId)).emit(event, payload);
    const encoded = this.encoded;
    this.encoded = null;
    if (!encoded) throw new Error('the Socket.IO emitter did not encode the broadcast');
    return encoded;
  }

  /** To the customer side of a conversation (the widget's sockets). */
  toCustomers<E extends ServerEvent>(
    conversationId: string,
    event: E,
    payload: ServerEventPayloads[E],
  ): void {
    this.customers.to(conversationRoom(conversationId)).emit(event, payload);
  }

  /**
   * Every socket of the visitor, on every instance, joins the conversation's room: a second tab
   * connected before the conversation existed (or while it was closed) receives it from now on.
   * Published before the events that follow on the same connection, so it is applied first.
   */
  joinVisitorToConversation(
    visitor: { channelId: string; customerId: string },
    conversationId: string,
  ): void {
    this.customers
      .in(visitorRoom(visitor.channelId, visitor.customerId))
      .socketsJoin(conversationRoom(conversationId));
  }

  /**
   * To every agent of the workspace and, in the same broadcast (each socket gets it once), to the
   * named agents' own rooms.
   */
  toAgents<E extends ServerEvent>(
    workspaceId: string,
    event: E,
    payload: ServerEventPayloads[E],
    alsoAgentIds: readonly (string | null | undefined)[] = [],
  ): void {
    const rooms = [
      workspaceRoom(workspaceId),
      ...alsoAgentIds
        .filter((id): id is string => Boolean(id))
        .map((id) => agentRoom(workspaceId, id)),
    ];
    this.agents.to(rooms).emit(event, payload);
  }

  /** To one member of the workspace only: their own agent room (every socket they have open). */
  toAgent<E extends ServerEvent>(
    workspaceId: string,
    userId: string,
    event: E,
    payload: ServerEventPayloads[E],
  ): void {
    this.agents.to(agentRoom(workspaceId, userId)).emit(event, payload);
  }

  /** To both sides of a conversation: its customer, and every agent of the workspace. */
  toConversation<E extends ServerEvent>(
    workspaceId: string,
    conversationId: string,
    event: E,
    payload: ServerEventPayloads[E],
  ): void {
    this.toCustomers(conversationId, event, payload);
    this.toAgents(workspaceId, event, payload);
  }

  /**
   * Ends agent sockets on every instance: all of a member's (removed, or their role changed), or
   * one sign-in's (logged out). They are told why, then disconnected; a client whose role changed
   * refreshes its token and reconnects with the new role.
   */
  endAgentSockets(
    workspaceId: string,
    whose: { userId: string } | { sessionId: string },
    reason: AccessRevokedReason,
  ): void {
    const room =
      'userId' in whose
        ? agentRoom(workspaceId, whose.userId)
        : agentSessionRoom(workspaceId, whose.sessionId);
    this.agents.to(room).emit(ServerEvents.AccessRevoked, { reason });
    this.agents.in(room).disconnectSockets(true);
  }
}
