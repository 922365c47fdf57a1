import { Inject, Injectable } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import {
  type FlagChangedPayload,
  ServerEvents,
  SocketNamespaces,
  agentRoom,
  workspaceRoom,
} from '@cxgenie/contracts';
import { REDIS_CLIENT } from '@cxgenie/redis';

/**
 * `flag.changed` to the dashboards and agent consoles of the context, on every gateway instance
 * (gateway-api hosts the sockets; this publishes through its Redis adapter's channel). A member's
 * own context goes to that member; a workspace's or a bot's to the whole workspace.
 */
@Injectable()
export class FlagChangeEmitter {
  private readonly emitter: Emitter;

  constructor(@Inject(REDIS_CLIENT) redis: Redis) {
    this.emitter = new Emitter(redis).of(SocketNamespaces.Agent);
  }

  changed(payload: FlagChangedPayload): void {
    const { workspaceId, userId } = payload.context;
    const room = userId ? agentRoom(workspaceId, userId) : workspaceRoom(workspaceId);
    this.emitter.to(room).emit(ServerEvents.FlagChanged, payload);
  }
}
