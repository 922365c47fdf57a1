import { Injectable } from '@nestjs/common';
import { Op, literal } from 'sequelize';
import type { Conversation, TenantScope } from '@cxgenie/database';

export interface WidgetParty {
  customerId: string;
  botId: string;
}

/** The widget customer's current conversation with a bot: the latest one not closed. */
@Injectable()
export class OpenWidgetConversation {
  /** One query: the party's latest open conversation on the bot's active web channel. */
  async find(scope: TenantScope, party: WidgetParty): Promise<Conversation | null> {
    return scope.models.Conversation.findOne({
      where: {
        workspaceId: scope.workspaceId,
        customerId: party.customerId,
        status: { [Op.ne]: 'closed' },
        channelId: {
          [Op.in]: literal(
            `(SELECT id FROM channels WHERE bot_id = ${scope.sequelize.escape(party.botId)} AND type = 'web'
               AND is_active AND deleted_at IS NULL)`,
          ),
        },
      },
      order: [['createdAt', 'DESC']],
    });
  }

  async findOrStart(scope: TenantScope, party: WidgetParty): Promise<Conversation | null> {
    const existing = await this.find(scope, party);
    if (existing) return existing;
    const channel = await this.webChannel(scope, party.botId);
    if (!channel) return null;
    return scope.models.Conversation.create({
      workspaceId: scope.workspaceId,
      botId: party.botId,
      channelId: channel,
      customerId: party.customerId,
    });
  }

  private async webChannel(scope: TenantScope, botId: string): Promise<string | null> {
    const channel = await scope.models.Channel.findOne({
      where: { workspaceId: scope.workspaceId, botId, type: 'web', isActive: true },
      attributes: ['id'],
      order: [['createdAt', 'ASC']],
    });
    return channel?.id ?? null;
  }
}
