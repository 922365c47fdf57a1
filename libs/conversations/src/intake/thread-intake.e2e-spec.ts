import { QueryTypes, Sequelize } from 'sequelize';
import { type TenantScope, createModelSet } from '@cxgenie/database';
import { TEST_DATABASE_URL, seedWorkspace } from '@cxgenie/testing';
import { ConversationBacklogStore } from '../pipeline/conversation-backlog.store';
import { MessageDeliveriesStore } from '../deliveries/message-deliveries.store';
import { type ConversationParty, ConversationIntakeStore } from './conversation-intake.store';

/**
 * The owner's operations a threading channel (email) needs: continue a thread's conversation or
 * open a new one, messages sent by a machine, and a delivery returned after it was sent.
 */
describe('threads, automated messages and bounces in the conversation owner', () => {
  const sequelize = new Sequelize(TEST_DATABASE_URL, { logging: false });
  const intake = new ConversationIntakeStore();
  const backlog = new ConversationBacklogStore();
  const deliveries = new MessageDeliveriesStore();
  let scope: TenantScope;
  let party: ConversationParty;
  let otherCustomer: ConversationParty;

  const insertOne = async (sql: string, bind: unknown[]): Promise<string> => {
    const [row] = await sequelize.query<{ id: string }>(sql, { bind, type: QueryTypes.SELECT });
    return row.id;
  };

  beforeAll(async () => {
    const workspaceId = await seedWorkspace(sequelize, 'thread intake');
    scope = { workspaceId, mode: 'shared', models: createModelSet(sequelize), sequelize };
    const botId = await insertOne(
      `INSERT INTO bots (workspace_id, name, public_key) VALUES ($1, 'Mail bot', 'pk_thread_' || gen_random_uuid()) RETURNING id`,
      [workspaceId],
    );
    const channelId = await insertOne(
      `INSERT INTO channels (workspace_id, bot_id, type, name) VALUES ($1, $2, 'email', 'Support mail') RETURNING id`,
      [workspaceId, botId],
    );
    const customer = (name: string) =>
      insertOne(`INSERT INTO customers (workspace_id, name) VALUES ($1, $2) RETURNING id`, [
        workspaceId,
        name,
      ]);
    party = { channelId, botId, customerId: await customer('Jane') };
    otherCustomer = { ...party, customerId: await customer('John') };
  });
  afterAll(() => sequelize.close());

  const conversation = (id: string) =>
    sequelize
      .query<{
        customer_id: string;
        subject: string | null;
        status: string;
      }>('SELECT customer_id, subject, status FROM conversations WHERE id = $1', {
        bind: [id],
        type: QueryTypes.SELECT,
      })
      .then(([row]) => row);

  it('opens a conversation with the subject for a new thread, even beside an open one', async () => {
    const first = await intake.continueOrOpenThread(scope, party, null, 'Parcel late');
    const second = await intake.continueOrOpenThread(scope, party, null, 'Invoice');
    expect(first).toEqual({ conversationId: expect.any(String), created: true });
    expect(second!.conversationId).not.toBe(first!.conversationId);
    expect(await conversation(first!.conversationId)).toMatchObject({
      customer_id: party.customerId,
      subject: 'Parcel late',
      status: 'bot',
    });
  });

  it("continues the thread's conversation while it is the party's and open", async () => {
    const opened = await intake.continueOrOpenThread(scope, party, null, 'Refund');
    expect(
      await intake.continueOrOpenThread(scope, party, opened!.conversationId, 'Re: Refund'),
    ).toEqual({ conversationId: opened!.conversationId, created: false });
  });

  it("never lets another customer's message into the conversation", async () => {
    const janes = await intake.continueOrOpenThread(scope, party, null, 'Mine');
    const johns = await intake.continueOrOpenThread(scope, otherCustomer, janes!.conversationId);
    expect(johns!.created).toBe(true);
    expect(johns!.conversationId).not.toBe(janes!.conversationId);
    expect((await conversation(johns!.conversationId)).customer_id).toBe(otherCustomer.customerId);
  });

  it('opens a new conversation for a thread whose conversation was closed', async () => {
    const opened = await intake.continueOrOpenThread(scope, party, null, 'Closed soon');
    await sequelize.query(
      "UPDATE conversations SET status = 'closed', closed_at = now() WHERE id = $1",
      { bind: [opened!.conversationId] },
    );
    const next = await intake.continueOrOpenThread(scope, party, opened!.conversationId);
    expect(next!.created).toBe(true);
    expect(next!.conversationId).not.toBe(opened!.conversationId);
  });

  it('opens nothing on a channel that was switched off', async () => {
    const opened = await intake.continueOrOpenThread(scope, party, null);
    await sequelize.query('UPDATE channels SET is_active = false WHERE id = $1', {
      bind: [party.channelId],
    });
    try {
      expect(await intake.continueOrOpenThread(scope, party, opened!.conversationId)).toBeNull();
      expect(await intake.continueOrOpenThread(scope, party, null)).toBeNull();
    } finally {
      await sequelize.query('UPDATE channels SET is_active = true WHERE id = $1', {
        bind: [party.channelId],
      });
    }
  });

  it('keeps an automated message marked, and the backlog says so', async () => {
    const { conversationId } = (await intake.continueOrOpenThread(scope, party, null, 'OOO'))!;
    await intake.acceptCustomerMessage(scope, {
      conversationId,
      text: 'I am out of the office until Monday.',
      automated: true,
      metadata: { email: { subject: 'Automatic reply' } },
    });
    await intake.acceptCustomerMessage(scope, { conversationId, text: 'A real question' });
    const waiting = await backlog.fetch(scope, conversationId, { limit: 5, historyPerMessage: 5 });
    expect(waiting!.pending.map((m) => [m.text, m.automated])).toEqual([
      ['I am out of the office until Monday.', true],
      ['A real question', false],
    ]);
    const [row] = await sequelize.query<{ metadata: Record<string, unknown> }>(
      'SELECT metadata FROM messages WHERE conversation_id = $1 AND seq = 1',
      { bind: [conversationId], type: QueryTypes.SELECT },
    );
    expect(row.metadata).toEqual({ email: { subject: 'Automatic reply' }, automated: true });
  });

  it('fails a sent message when its bounce arrives, once, and only on its own channel', async () => {
    const { conversationId } = (await intake.continueOrOpenThread(scope, party, null, 'Bounce'))!;
    const messageId = await insertOne(
      `WITH next AS (
         UPDATE conversations SET last_message_seq = last_message_seq + 1 WHERE id = $1 RETURNING last_message_seq
       )
       INSERT INTO messages (workspace_id, conversation_id, channel_id, seq, direction, sender_type, text, status, platform_message_id)
       SELECT $2, $1, $3, last_message_seq, 'outbound', 'bot', 'Your parcel left.', 'sent', '<cx.bounce@acme.test>'
         FROM next RETURNING id`,
      [conversationId, scope.workspaceId, party.channelId],
    );
    const bounce = { platformMessageId: '<cx.bounce@acme.test>', reason: '550 5.1.1 no such user' };
    expect(
      await deliveries.markBounced(scope, {
        ...bounce,
        channelId: '00000000-0000-0000-0000-000000000000',
      }),
    ).toBeNull();
    expect(await deliveries.markBounced(scope, { ...bounce, channelId: party.channelId })).toEqual({
      messageId,
      conversationId,
      changed: true,
    });
    expect(await deliveries.markBounced(scope, { ...bounce, channelId: party.channelId })).toEqual({
      messageId,
      conversationId,
      changed: false,
    });
    const [row] = await sequelize.query<{ status: string; error: string }>(
      'SELECT status, error FROM messages WHERE id = $1',
      { bind: [messageId], type: QueryTypes.SELECT },
    );
    expect(row).toEqual({ status: 'failed', error: '550 5.1.1 no such user' });
  });
});
