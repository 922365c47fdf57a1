import { Inject, Injectable } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { SocketNamespaces, agentRoom, workspaceRoom } from '@cxgenie/contracts';
import { REDIS_CLIENT } from '@cxgenie/redis';

/**
 * Emits to gateway-api's agent sockets from this process: the Redis adapter of every gateway
 * instance relays what is published here to its own sockets in the named rooms.
 */
@Injectable()
export class AgentEvents {
  private readonly emitter: Emitter;

  constructor(@Inject(REDIS_CLIENT) redis: Redis) {
    this.emitter = new Emitter(redis).of(SocketNamespaces.Agent);
  }

  /** To every agent of the workspace and, in the same broadcast, to the named agents' rooms. */
  toWorkspace(
    workspaceId: string,
    event: string,
    payload: object,
    agentUserIds: (string | null)[] = [],
  ): void {
    const rooms = [
      workspaceRoom(workspaceId),
      ...agentUserIds
        .filter((id): id is string => Boolean(id))
        .map((id) => agentRoom(workspaceId, id)),
    ];
    this.emitter.to(rooms).emit(event, payload);
  }
}
