import { Injectable } from '@nestjs/common';
import type { BotKnowledgeSettings } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import { BotNotFoundException } from './retrieval.exception';

/** A bot's own retrieval settings, read from its workspace's database (shared or dedicated). */
@Injectable()
export class BotKnowledgeSettingsReader {
  constructor(private readonly tenants: TenantConnections) {}

  async read(workspaceId: string, botId: string): Promise<BotKnowledgeSettings> {
    const scope = await this.tenants.scope(workspaceId);
    const bot = await scope.models.Bot.findOne({
      where: { id: botId, workspaceId },
      attributes: ['id', 'knowledgeSettings'],
    });
    if (!bot) throw new BotNotFoundException(botId);
    return bot.knowledgeSettings ?? {};
  }
}
