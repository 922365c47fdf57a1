import { Inject, Injectable } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import {
  ServerEvents,
  SocketNamespaces,
  type TicketAssignedEvent,
  type TicketUpdatedEvent,
  agentRoom,
  workspaceRoom,
} from '@cxgenie/contracts';
import { REDIS_CLIENT } from '@cxgenie/redis';

/**
 * Ticket changes made through the API, to the workspace's agents on every gateway instance (and
 * the agents concerned by name). Published through Redis like the ticket app's own events, so
 * both reach the console the same way.
 */
@Injectable()
export class TicketEventsEmitter {
  private readonly emitter: Emitter;

  constructor(@Inject(REDIS_CLIENT) redis: Redis) {
    this.emitter = new Emitter(redis).of(SocketNamespaces.Agent);
  }

  assigned(event: TicketAssignedEvent): void {
    this.emit(event.workspaceId, ServerEvents.TicketAssigned, event, [
      event.assigneeId,
      event.previousAssigneeId,
    ]);
  }

  updated(event: TicketUpdatedEvent): void {
    this.emit(event.workspaceId, ServerEvents.TicketUpdated, event, [event.ticket.assigneeId]);
  }

  private emit(
    workspaceId: string,
    event: string,
    payload: object,
    userIds: (string | null)[],
  ): void {
    const rooms = [
      workspaceRoom(workspaceId),
      ...userIds.filter((id): id is string => Boolean(id)).map((id) => agentRoom(workspaceId, id)),
    ];
    this.emitter.to(rooms).emit(event, payload);
  }
}
