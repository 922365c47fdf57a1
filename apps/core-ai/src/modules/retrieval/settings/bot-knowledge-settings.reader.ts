import { Injectable } from '@nestjs/common';
import type { BotKnowledgeSettings } from '@cxgenie/contracts';
import { TenantConnections, readBotKnowledgeSettings } from '@cxgenie/database';
import { BotNotFoundException } from './retrieval.exception';

/** A bot's own retrieval settings, read from its workspace's database (shared or dedicated). */
@Injectable()
export class BotKnowledgeSettingsReader {
  constructor(private readonly tenants: TenantConnections) {}

  async read(workspaceId: string, botId: string): Promise<BotKnowledgeSettings> {
    const settings = await readBotKnowledgeSettings(await this.tenants.scope(workspaceId), botId);
    if (!settings) throw new BotNotFoundException(botId);
    return settings;
  }
}
