import { QueryTypes, type Sequelize } from 'sequelize';

export interface InboxFixture {
  workspaceId: string;
  botId: string;
  channelId: string;
}

/** A bot and a web channel in an existing workspace: what conversations hang off. */
export async function seedBotAndChannel(
  sequelize: Sequelize,
  workspaceId: string,
  name = 'Seeded bot',
): Promise<InboxFixture> {
  const [bot] = await sequelize.query<{ id: string }>(
    `INSERT INTO bots (workspace_id, name, public_key) VALUES (:workspaceId, :name, 'pk_seed_' || gen_random_uuid())
     RETURNING id`,
    { replacements: { workspaceId, name }, type: QueryTypes.SELECT },
  );
  const [channel] = await sequelize.query<{ id: string }>(
    `INSERT INTO channels (workspace_id, bot_id, type, name) VALUES (:workspaceId, :botId, 'web', 'Seeded web channel')
     RETURNING id`,
    { replacements: { workspaceId, botId: bot.id }, type: QueryTypes.SELECT },
  );
  return { workspaceId, botId: bot.id, channelId: channel.id };
}

/** A customer of the workspace, for the owner's tests that need a party to a conversation. */
export async function seedCustomer(
  sequelize: Sequelize,
  workspaceId: string,
  name = 'Jane',
): Promise<string> {
  const [customer] = await sequelize.query<{ id: string }>(
    `INSERT INTO customers (workspace_id, name) VALUES (:workspaceId, :name) RETURNING id`,
    { replacements: { workspaceId, name }, type: QueryTypes.SELECT },
  );
  return customer.id;
}

/** A workspace of its own (no members), for datasets that need many tenants. */
export async function seedWorkspace(sequelize: Sequelize, name: string): Promise<string> {
  const [workspace] = await sequelize.query<{ id: string }>(
    `INSERT INTO workspaces (name, slug) VALUES (:name, :slug) RETURNING id`,
    {
      replacements: {
        name,
        slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now().toString(36)}`,
      },
      type: QueryTypes.SELECT,
    },
  );
  return workspace.id;
}

export interface ConversationSeed {
  conversations: number;
  messagesPerConversation: number;
  /** Rows per INSERT statement; bounds memory on large datasets. */
  batchSize?: number;
}

/**
 * Customers, conversations (statuses rotating bot/human/closed, activity spread over 90 days) and
 * their messages, generated inside PostgreSQL so a million rows take seconds, not an hour of
 * round trips. Used by tests at small scale and by benchmarks at large scale.
 */
export async function seedConversations(
  sequelize: Sequelize,
  fixture: InboxFixture,
  seed: ConversationSeed,
): Promise<void> {
  const batchSize = seed.batchSize ?? 10_000;
  for (let done = 0; done < seed.conversations; done += batchSize) {
    const count = Math.min(batchSize, seed.conversations - done);
    await sequelize.query(
      `WITH cust AS (
         INSERT INTO customers (workspace_id, name, email)
         SELECT :workspaceId, 'Customer ' || (:offset + g), 'customer' || (:offset + g) || '@example.test'
           FROM generate_series(1, :count) g
         RETURNING id
       ), conv AS (
         INSERT INTO conversations (workspace_id, bot_id, channel_id, customer_id, status, last_message_seq, last_message_at)
         SELECT :workspaceId, :botId, :channelId, id,
                (ARRAY['bot', 'human', 'closed'])[1 + (row_number() OVER () % 3)::int],
                :messages, now() - random() * interval '90 days'
           FROM cust
         RETURNING id, last_message_at
       )
       INSERT INTO messages (workspace_id, conversation_id, channel_id, seq, direction, sender_type, text, created_at)
       SELECT :workspaceId, conv.id, :channelId, s,
              CASE WHEN s % 2 = 1 THEN 'inbound' ELSE 'outbound' END,
              CASE WHEN s % 2 = 1 THEN 'customer' ELSE 'bot' END,
              'Message ' || s || ' of this conversation',
              conv.last_message_at - (:messages - s) * interval '1 minute'
         FROM conv, generate_series(1, :messages) s`,
      {
        replacements: {
          ...fixture,
          offset: done,
          count,
          messages: seed.messagesPerConversation,
        },
      },
    );
  }
}
