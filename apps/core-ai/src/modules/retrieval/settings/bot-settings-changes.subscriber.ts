import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { botSettingsChangesChannel, parseBotSettingsChanged } from '@cxgenie/contracts';
import { createRedisClient } from '@cxgenie/redis';
import { BotSettingsMemory } from './bot-settings-memory';

/**
 * Listens to the bots API's change announcements on a subscriber connection of its own and drops
 * what the memory holds of each bot announced. The memory is live only from each confirmed
 * subscription until the connection drops (ADR 0060): announcements made while unsubscribed are
 * lost, so it starts over empty every time, and searches read PostgreSQL meanwhile.
 */
@Injectable()
export class BotSettingsChangesSubscriber implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BotSettingsChangesSubscriber.name);
  private readonly channel: string;
  private subscriber: Redis | null = null;
  /** Raised when the connection drops: a confirmation from an older connection proves nothing. */
  private connection = 0;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly memory: BotSettingsMemory,
  ) {
    this.channel = botSettingsChangesChannel(config.queuePrefix);
  }

  onModuleInit(): void {
    if (this.config.knowledge.botSettingsCacheSize <= 0) return;
    const subscriber = createRedisClient(this.config.redisUrl, {
      // Named with the deployment's prefix: operators (and tests) can tell whose it is.
      connectionName: `cxgenie:${this.config.service}-bot-settings-sub:${this.config.queuePrefix}`,
    });
    subscriber.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    // 'ready' comes with every (re)connection, before ioredis's own re-subscription is confirmed:
    // only the reply to our SUBSCRIBE, sent after it, proves announcements arrive from here on.
    subscriber.on('ready', () => {
      const connection = this.connection;
      subscriber.subscribe(this.channel).then(
        () => {
          if (connection === this.connection) this.memory.setLive(true);
        },
        (error: Error) => this.logger.warn(`bot settings subscription failed: ${error.message}`),
      );
    });
    subscriber.on('close', () => {
      this.connection += 1;
      this.memory.setLive(false);
    });
    subscriber.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      const change = parseBotSettingsChanged(raw);
      if (change) this.memory.drop(change.workspaceId, change.botId);
      else this.memory.dropAll();
    });
    this.subscriber = subscriber;
  }

  async onApplicationShutdown(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = null;
    this.memory.setLive(false);
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
  }
}
