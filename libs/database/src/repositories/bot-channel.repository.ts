import { Op, type Transaction } from 'sequelize';
import type { ChannelType } from '@cxgenie/contracts';
import type { Channel } from '../models/bot.models';
import type { TenantScope } from '../tenancy/tenant-scope';
import { ChannelRepository } from './repositories';

export interface BotChannelDefaults {
  name: string;
  webhookSecretEncrypted: string;
}

/** Channels seen from their bots: the links a bot page shows and the channel a bot is reached on. */
export class BotChannelRepository extends ChannelRepository {
  /** One query for a whole page of bots, so listing bots costs the same for 1 or 100 of them. */
  listActiveForBots(scope: TenantScope, botIds: readonly string[]): Promise<Channel[]> {
    if (botIds.length === 0) return Promise.resolve([]);
    return this.model(scope).findAll({
      where: this.scoped(scope, { botId: { [Op.in]: [...botIds] }, isActive: true }),
      attributes: ['id', 'botId', 'type', 'createdAt'],
      order: [
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ],
    });
  }

  /**
   * The bot's oldest channel of a type, created when it has none. Creation is serialised per bot
   * and type, so two first visitors arriving together do not leave the bot with two channels. The
   * defaults are only computed when a channel is created.
   */
  async findOrCreateForBot(
    scope: TenantScope,
    botId: string,
    type: ChannelType,
    defaults: () => BotChannelDefaults,
  ): Promise<Channel> {
    // Every visitor's session asks, and all but the bot's first find the channel: reading first
    // keeps a thousand sessions from queueing on the one lock (a channel, once made, stays).
    const found = await this.oldestForBot(scope, botId, type);
    if (found) return found;
    return scope.sequelize.transaction(async (transaction) => {
      await scope.sequelize.query('SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))', {
        replacements: { key: `channel:${botId}:${type}` },
        transaction,
      });
      const existing = await this.oldestForBot(scope, botId, type, transaction);
      if (existing) return existing;
      return this.model(scope).create(
        { ...defaults(), botId, type, workspaceId: scope.workspaceId },
        { transaction },
      );
    });
  }

  private oldestForBot(
    scope: TenantScope,
    botId: string,
    type: ChannelType,
    transaction?: Transaction,
  ): Promise<Channel | null> {
    return this.model(scope).findOne({
      where: this.scoped(scope, { botId, type }),
      order: [
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction,
    });
  }
}
