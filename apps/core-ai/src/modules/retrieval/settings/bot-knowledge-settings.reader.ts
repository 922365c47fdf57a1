import { Injectable } from '@nestjs/common';
import type { BotKnowledgeSettings } from '@cxgenie/contracts';
import { TenantConnections, readBotKnowledgeSettings } from '@cxgenie/database';
import { BotNotFoundException } from '../retrieval.exception';
import { BotSettingsMemory } from './bot-settings-memory';

/**
 * A bot's own retrieval settings, read from its workspace's database (shared or dedicated), or
 * from memory while the bots API's change announcements are being heard (ADR 0060).
 */
@Injectable()
export class BotKnowledgeSettingsReader {
  constructor(
    private readonly tenants: TenantConnections,
    private readonly memory: BotSettingsMemory,
  ) {}

  async read(workspaceId: string, botId: string): Promise<BotKnowledgeSettings> {
    const settings = await this.memory.get(workspaceId, botId, async () =>
      readBotKnowledgeSettings(await this.tenants.scope(workspaceId), botId),
    );
    if (!settings) throw new BotNotFoundException(botId);
    return settings;
  }
}
