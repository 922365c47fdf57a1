import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import {
  type AnswerRequest,
  type BotSettingsChangedMessage,
  botSettingsChangesChannel,
} from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { REDIS_CLIENT } from '@cxgenie/redis';

export type BotConfig = AnswerRequest['bot'] & {
  id: string;
  isActive: boolean;
  /** A customer message containing one of these goes to a human instead of the bot. */
  handoffPhrases: string[];
};

const TTL_SECONDS = 300;

/**
 * Bot settings the pipeline reads for every message, cached in Redis so every gateway instance
 * shares one copy; the bots API invalidates it on each change, which also announces the change to
 * the processes that keep bot settings in memory (core-ai's search). Keyed by workspace as well as
 * bot: a bot id from one workspace never reads another workspace's bot, cached or not.
 */
@Injectable()
export class BotConfigCache {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async get(scope: TenantScope, botId: string): Promise<BotConfig | null> {
    const cached = await this.redis.get(this.key(scope.workspaceId, botId));
    if (cached) return JSON.parse(cached) as BotConfig;
    const bot = await scope.models.Bot.findOne({
      where: { id: botId, workspaceId: scope.workspaceId },
    });
    if (!bot) return null;
    const config: BotConfig = {
      id: bot.id,
      isActive: bot.isActive,
      llmProvider: bot.llmProvider,
      llmModel: bot.llmModel,
      systemPrompt: bot.systemPrompt,
      temperature: bot.temperature,
      language: bot.language,
      typeReplyUnknown: bot.typeReplyUnknown,
      fallbackMessage: bot.fallbackMessage,
      knowledge: bot.knowledgeSettings,
      smallTalk: bot.smallTalk ?? {},
      handoffPhrases: bot.handoffPhrases,
    };
    await this.redis.set(
      this.key(scope.workspaceId, botId),
      JSON.stringify(config),
      'EX',
      TTL_SECONDS,
    );
    return config;
  }

  /**
   * After a committed change or deletion of the bot. One round trip: the shared copy goes and the
   * change is announced together; the caller answers only once Redis has taken both, so every
   * subscribed core-ai has the announcement queued before the dashboard hears of the change.
   */
  async invalidate(scope: TenantScope, botId: string): Promise<void> {
    const change: BotSettingsChangedMessage = { workspaceId: scope.workspaceId, botId };
    const results = await this.redis
      .multi()
      .del(this.key(scope.workspaceId, botId))
      .publish(botSettingsChangesChannel(this.config.queuePrefix), JSON.stringify(change))
      .exec();
    const failed = results?.find(([error]) => error)?.[0];
    if (!results || failed) throw failed ?? new Error('bot settings change not announced');
  }

  private key(workspaceId: string, botId: string): string {
    return `${this.config.queuePrefix}:bot-config:${workspaceId}:${botId}`;
  }
}
