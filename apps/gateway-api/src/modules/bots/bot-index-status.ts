import { Injectable, Logger } from '@nestjs/common';
import { CoreAiClient } from '../../core-modules/core-ai/core-ai.client';
import type { KnowledgeIndexResponse } from './dto/bot.dto';
import { presentKnowledgeIndex } from './bot.presenter';

/**
 * A bot read waits this long at most for core-ai: the index status is a detail of the bot, and a
 * slow or restarting core-ai must not make the bot itself slow to read.
 */
const STATUS_TIMEOUT_MS = 1_500;

/** The bot's vector index as core-ai's last reconciliation found it, or null if unavailable. */
@Injectable()
export class BotIndexStatus {
  private readonly logger = new Logger(BotIndexStatus.name);

  constructor(private readonly coreAi: CoreAiClient) {}

  async get(workspaceId: string, botId: string): Promise<KnowledgeIndexResponse | null> {
    try {
      const report = await this.coreAi.knowledgeIndexStatus(
        { workspaceId, botId },
        STATUS_TIMEOUT_MS,
      );
      return presentKnowledgeIndex(report);
    } catch (error) {
      this.logger.warn(
        `bot ${botId}: index status unavailable: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    }
  }
}
