import { Injectable } from '@nestjs/common';
import { type TenantScope, preparedStatement, runPrepared } from '@cxgenie/database';

export interface WidgetParty {
  customerId: string;
  botId: string;
}

// Every widget message looks its conversation up; prepared, it is planned once per connection.
const FIND_OPEN = preparedStatement(
  'find_open_widget_conversation',
  `SELECT c.id FROM conversations c
    WHERE c.workspace_id = $1::uuid AND c.customer_id = $2::uuid AND c.status <> 'closed'
      AND c.channel_id IN (SELECT id FROM channels
                            WHERE workspace_id = $1::uuid AND bot_id = $3::uuid AND type = 'web'
                              AND is_active AND deleted_at IS NULL)
    ORDER BY c.created_at DESC LIMIT 1`,
);

/** The widget customer's current conversation with a bot: the latest one not closed. */
@Injectable()
export class OpenWidgetConversation {
  /** One query: the party's latest open conversation on the bot's active web channel. */
  async find(scope: TenantScope, party: WidgetParty): Promise<{ id: string } | null> {
    const [row] = await runPrepared<{ id: string }>(scope.sequelize, FIND_OPEN, [
      scope.workspaceId,
      party.customerId,
      party.botId,
    ]);
    return row ?? null;
  }

  async findOrStart(scope: TenantScope, party: WidgetParty): Promise<{ id: string } | null> {
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
