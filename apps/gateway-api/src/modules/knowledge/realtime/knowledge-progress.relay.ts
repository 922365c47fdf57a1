import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Redis } from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { KNOWLEDGE_PROGRESS_CHANNEL, ServerEvents, workspaceRoom } from '@cxgenie/contracts';
import { createRedisClient } from '@cxgenie/redis';
import { AgentNamespace } from '../../conversations/realtime/agent-namespace';
import { parseProgressEvent } from './knowledge-progress-event';

/**
 * Pushes the loader's progress messages to the dashboards of the source's workspace. Every
 * gateway instance subscribes and delivers to its own sockets only (`local`): going through the
 * Socket.IO Redis adapter as well would deliver each message once per instance.
 */
@Injectable()
export class KnowledgeProgressRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KnowledgeProgressRelay.name);
  private subscriber: Redis | null = null;
  private agents: AgentNamespace | null = null;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Owned by the conversations module, which does not export it; there is one per app.
    this.agents = this.moduleRef.get(AgentNamespace, { strict: false });
    // A subscribed connection can issue no other command, hence one of its own.
    const subscriber = createRedisClient(this.config.redisUrl, {
      connectionName: `cxgenie:${this.config.service}:knowledge-progress`,
    });
    subscriber.on('error', (error) => this.logger.warn(`progress subscriber: ${error.message}`));
    subscriber.on('message', (_channel: string, message: string) => this.relay(message));
    this.subscriber = subscriber;
    // ioredis re-subscribes by itself after a reconnect; Redis being down must not stop the boot.
    await subscriber.subscribe(KNOWLEDGE_PROGRESS_CHANNEL).catch((error: Error) => {
      this.logger.error(`could not subscribe to knowledge progress: ${error.message}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = null;
    await subscriber?.quit().catch(() => subscriber.disconnect());
  }

  private relay(message: string): void {
    const event = parseProgressEvent(message);
    if (!event) {
      this.logger.warn(`ignored a malformed knowledge progress message: ${message.slice(0, 200)}`);
      return;
    }
    this.agents?.server?.local
      .to(workspaceRoom(event.workspaceId))
      .emit(ServerEvents.KnowledgeSourceProgress, event);
  }
}
