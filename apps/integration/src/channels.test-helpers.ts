import { QueryTypes, type Sequelize } from 'sequelize';
import { SecretBox } from '@cxgenie/channels';
import { ConversationIntakeStore, OutboundMessageStore } from '@cxgenie/conversations';
import type { ChannelType } from '@cxgenie/contracts';
import type { TenantConnections } from '@cxgenie/database';
import { seedWorkspace } from '@cxgenie/testing';

export interface SeededChannel {
  workspaceId: string;
  botId: string | null;
  channelId: string;
  webhookSecret: string;
}

export interface ChannelSeed {
  type: ChannelType;
  credentials: Record<string, string>;
  settings?: Record<string, unknown>;
  withBot?: boolean;
  isActive?: boolean;
  workspaceId?: string;
}

/**
 * A workspace, a bot and a platform channel written straight into PostgreSQL, with credentials and
 * webhook secret sealed as gateway-api seals them (same ENCRYPTION_KEY).
 */
export async function seedPlatformChannel(
  sequelize: Sequelize,
  encryptionKey: string,
  seed: ChannelSeed,
): Promise<SeededChannel> {
  const box = new SecretBox(encryptionKey);
  const workspaceId =
    seed.workspaceId ?? (await seedWorkspace(sequelize, `${seed.type} channel test`));
  let botId: string | null = null;
  if (seed.withBot !== false) {
    const [bot] = await sequelize.query<{ id: string }>(
      `INSERT INTO bots (workspace_id, name, public_key) VALUES (:workspaceId, 'Channel bot', 'pk_ch_' || gen_random_uuid())
       RETURNING id`,
      { replacements: { workspaceId }, type: QueryTypes.SELECT },
    );
    botId = bot.id;
  }
  const webhookSecret = `whs_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const [channel] = await sequelize.query<{ id: string }>(
    `INSERT INTO channels (workspace_id, bot_id, type, name, credentials_encrypted, webhook_secret_encrypted, settings, is_active)
     VALUES (:workspaceId, :botId, :type, :name, :credentials, :secret, CAST(:settings AS jsonb), :isActive)
     RETURNING id`,
    {
      replacements: {
        workspaceId,
        botId,
        type: seed.type,
        name: `${seed.type} test channel`,
        credentials: box.sealJson(seed.credentials),
        secret: box.seal(webhookSecret),
        settings: JSON.stringify(seed.settings ?? {}),
        isActive: seed.isActive ?? true,
      },
      type: QueryTypes.SELECT,
    },
  );
  return { workspaceId, botId, channelId: channel.id, webhookSecret };
}

export interface StoredMessage {
  id: string;
  conversation_id: string;
  seq: number;
  direction: string;
  text: string;
  status: string;
  error: string | null;
  platform_message_id: string | null;
  metadata: Record<string, unknown>;
}

export const messagesOfChannel = (
  sequelize: Sequelize,
  channelId: string,
): Promise<StoredMessage[]> =>
  sequelize.query<StoredMessage>(
    `SELECT id, conversation_id, seq, direction, text, status, error, platform_message_id, metadata
       FROM messages WHERE channel_id = :channelId ORDER BY conversation_id, seq`,
    { replacements: { channelId }, type: QueryTypes.SELECT },
  );

/**
 * A customer known on the channel by `externalId`, in an open conversation with the bot, opened
 * by the conversation owner's intake as a first message would open it.
 */
export async function seedConversation(
  tenants: TenantConnections,
  channel: SeededChannel,
  externalId: string,
): Promise<string> {
  const scope = await tenants.scope(channel.workspaceId);
  // Customers are not the conversation owner's: who writes on a channel is seeded directly.
  const [customer] = await scope.sequelize.query<{ customer_id: string }>(
    `WITH customer AS (
       INSERT INTO customers (workspace_id, name) VALUES (:workspaceId, 'Seeded customer') RETURNING id
     )
     INSERT INTO customer_identities (workspace_id, customer_id, channel_id, external_id)
     SELECT :workspaceId, id, :channelId, :externalId FROM customer RETURNING customer_id`,
    {
      replacements: { ...channel, externalId },
      type: QueryTypes.SELECT,
    },
  );
  const opened = await new ConversationIntakeStore().findOrOpenConversation(scope, {
    channelId: channel.channelId,
    botId: channel.botId!,
    customerId: customer.customer_id,
  });
  if (!opened) throw new Error(`channel ${channel.channelId} is not active`);
  return opened.conversationId;
}

/**
 * Replies waiting for delivery on a platform channel, appended by the conversation owner as any
 * outbound message is: the conversation's next sequence numbers, `queued` (platform channels do
 * not deliver live). System messages, so no agent claims the conversation; delivery treats every
 * outbound message alike. Returns their ids in order.
 */
export async function seedQueuedReplies(
  tenants: TenantConnections,
  channel: SeededChannel,
  conversationId: string,
  texts: readonly string[],
): Promise<string[]> {
  const scope = await tenants.scope(channel.workspaceId);
  const messages = new OutboundMessageStore();
  const ids: string[] = [];
  for (const text of texts) {
    const { message } = await messages.append(scope, {
      conversationId,
      senderType: 'system',
      senderId: null,
      text,
    });
    ids.push(message.id);
  }
  return ids;
}
