import { QueryTypes, Sequelize } from 'sequelize';
import { type TenantScope, createModelSet } from '@cxgenie/database';
import {
  TEST_DATABASE_URL,
  countQueries,
  seedBotAndChannel,
  seedCustomer,
  seedWorkspace,
} from '@cxgenie/testing';
import {
  type ConversationParty,
  ConversationIntakeStore,
  DuplicatePlatformMessageError,
} from './conversation-intake.store';

/**
 * The intake's common case, a message continuing the party's open conversation: the lookup and
 * the append are one statement, under the same rules as the two it replaces.
 */
describe('accepting a message into the open conversation in one statement', () => {
  const sequelize = new Sequelize(TEST_DATABASE_URL, { logging: false });
  const intake = new ConversationIntakeStore();
  let scope: TenantScope;
  let party: ConversationParty;

  beforeAll(async () => {
    const workspaceId = await seedWorkspace(sequelize, 'open intake');
    scope = { workspaceId, mode: 'shared', models: createModelSet(sequelize), sequelize };
    const { botId, channelId } = await seedBotAndChannel(sequelize, workspaceId);
    party = { channelId, botId, customerId: await seedCustomer(sequelize, workspaceId) };
  });
  afterAll(() => sequelize.close());

  const setStatus = (id: string, status: string) =>
    sequelize.query('UPDATE conversations SET status = $2 WHERE id = $1', { bind: [id, status] });

  it('appends to the open conversation with its next sequence number, in one statement', async () => {
    const opened = (await intake.findOrOpenConversation(scope, party))!;
    const first = await intake.acceptInOpenConversation(scope, party, { text: 'hello' });
    const { result: second, queries } = await countQueries(sequelize, () =>
      intake.acceptInOpenConversation(scope, party, { text: 'still there?' }),
    );

    expect(first).toMatchObject({
      conversationId: opened.conversationId,
      channelId: party.channelId,
      seq: 1,
      text: 'hello',
      conversationStatus: 'bot',
    });
    expect(second).toMatchObject({ conversationId: opened.conversationId, seq: 2 });
    expect(queries).toEqual(['EXECUTE cxg_accept_in_open_conversation']);
  });

  it('accepts nothing when the party has no open conversation: the caller opens one', async () => {
    const opened = (await intake.findOrOpenConversation(scope, party))!;
    await setStatus(opened.conversationId, 'closed');

    expect(await intake.acceptInOpenConversation(scope, party, { text: 'anyone?' })).toBeNull();
    const [{ n }] = await sequelize.query<{ n: string }>(
      'SELECT count(*) AS n FROM messages WHERE conversation_id = $1 AND text = $2',
      { bind: [opened.conversationId, 'anyone?'], type: QueryTypes.SELECT },
    );
    expect(Number(n)).toBe(0);
    const next = (await intake.findOrOpenConversation(scope, party))!;
    expect(next.created).toBe(true);
    expect(await intake.acceptInOpenConversation(scope, party, { text: 'anyone?' })).toMatchObject({
      conversationId: next.conversationId,
      seq: 1,
    });
  });

  it('keeps the conversation a human has, and accepts nothing on a switched-off channel', async () => {
    const opened = (await intake.findOrOpenConversation(scope, party))!;
    await setStatus(opened.conversationId, 'human');
    expect(await intake.acceptInOpenConversation(scope, party, { text: 'agent?' })).toMatchObject({
      conversationId: opened.conversationId,
      conversationStatus: 'human',
    });

    await sequelize.query('UPDATE channels SET is_active = false WHERE id = $1', {
      bind: [party.channelId],
    });
    try {
      expect(await intake.acceptInOpenConversation(scope, party, { text: 'off?' })).toBeNull();
    } finally {
      await sequelize.query('UPDATE channels SET is_active = true WHERE id = $1', {
        bind: [party.channelId],
      });
    }
  });

  it('refuses a platform id seen before and leaves no gap in the sequence', async () => {
    const first = (await intake.acceptInOpenConversation(scope, party, {
      text: 'once',
      platformMessageId: 'widget:retry-1',
    }))!;
    await expect(
      intake.acceptInOpenConversation(scope, party, {
        text: 'once',
        platformMessageId: 'widget:retry-1',
      }),
    ).rejects.toBeInstanceOf(DuplicatePlatformMessageError);
    const next = await intake.acceptInOpenConversation(scope, party, { text: 'then' });
    expect(next!.seq).toBe(first.seq + 1);
  });
});
