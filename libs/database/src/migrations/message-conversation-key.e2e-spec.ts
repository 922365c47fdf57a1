import { QueryTypes, Sequelize } from 'sequelize';
import { TEST_DATABASE_URL, seedBotAndChannel, seedWorkspace } from '@cxgenie/testing';

/** Migration 0010: a message's workspace and channel are its conversation's. */
describe('messages belong to their conversation', () => {
  const db = new Sequelize(TEST_DATABASE_URL, { logging: false });
  let conversation: { id: string; workspaceId: string; channelId: string };
  let otherWorkspaceId: string;
  let otherChannelId: string;

  beforeAll(async () => {
    const workspaceId = await seedWorkspace(db, 'message key');
    const { botId, channelId } = await seedBotAndChannel(db, workspaceId);
    otherChannelId = (await seedBotAndChannel(db, workspaceId, 'other bot')).channelId;
    otherWorkspaceId = await seedWorkspace(db, 'message key other');
    const [row] = await db.query<{ id: string }>(
      `WITH customer AS (INSERT INTO customers (workspace_id) VALUES ($1) RETURNING id)
       INSERT INTO conversations (workspace_id, bot_id, channel_id, customer_id)
       SELECT $1, $2, $3, id FROM customer RETURNING id`,
      { bind: [workspaceId, botId, channelId], type: QueryTypes.SELECT },
    );
    conversation = { id: row.id, workspaceId, channelId };
  });
  afterAll(() => db.close());

  const insert = (seq: number, workspaceId: string, channelId: string) =>
    db.query(
      `INSERT INTO messages (workspace_id, conversation_id, channel_id, seq, direction, sender_type, text)
       VALUES ($1, $2, $3, $4, 'inbound', 'customer', 'hello')`,
      { bind: [workspaceId, conversation.id, channelId, seq] },
    );

  it("accepts a message carrying its conversation's workspace and channel", async () => {
    await expect(
      insert(1, conversation.workspaceId, conversation.channelId),
    ).resolves.toBeDefined();
  });

  it("refuses a message claiming another workspace than its conversation's", async () => {
    await expect(insert(2, otherWorkspaceId, conversation.channelId)).rejects.toMatchObject({
      name: 'SequelizeForeignKeyConstraintError',
      index: 'messages_conversation_fkey',
    });
  });

  it("refuses a message claiming another channel than its conversation's", async () => {
    await expect(insert(3, conversation.workspaceId, otherChannelId)).rejects.toMatchObject({
      name: 'SequelizeForeignKeyConstraintError',
      index: 'messages_conversation_fkey',
    });
  });

  it("still protects the conversation's channel from deletion", async () => {
    await expect(
      db.query('DELETE FROM channels WHERE id = $1', { bind: [conversation.channelId] }),
    ).rejects.toMatchObject({
      name: 'SequelizeForeignKeyConstraintError',
      index: 'conversations_channel_id_fkey',
    });
  });
});
