import { QueryTypes, Sequelize } from 'sequelize';
import type { TicketContext } from '@cxgenie/contracts';
import { type TenantScope, createModelSet } from '@cxgenie/database';
import {
  TEST_DATABASE_URL,
  seedBotAndChannel,
  seedCustomer,
  seedWorkspace,
} from '@cxgenie/testing';
import { ConversationIntakeStore } from '../intake/conversation-intake.store';
import { HandoffStore } from './handoff.store';

const TARGETS = { firstResponseSeconds: 3600, resolutionSeconds: 86_400 };

/**
 * A handoff decided before the bot's attempt was written (ADR 0045): the attempt is attached
 * afterwards, whichever of the two reaches the owner first.
 */
describe('HandoffStore.attachAttemptedAnswer', () => {
  const sequelize = new Sequelize(TEST_DATABASE_URL, { logging: false });
  const intake = new ConversationIntakeStore();
  const handoffs = new HandoffStore();
  let scope: TenantScope;
  let party: { channelId: string; botId: string; customerId: string };

  beforeAll(async () => {
    const workspaceId = await seedWorkspace(sequelize, 'attach attempt');
    scope = { workspaceId, mode: 'shared', models: createModelSet(sequelize), sequelize };
    const { botId, channelId } = await seedBotAndChannel(sequelize, workspaceId);
    party = { channelId, botId, customerId: await seedCustomer(sequelize, workspaceId) };
  });
  afterAll(() => sequelize.close());

  /** A conversation with one customer question the bot could not answer. */
  const stuckQuestion = async (text: string) => {
    const { conversationId } = (await intake.continueOrOpenThread(scope, party, null, text))!;
    const question = (await intake.acceptCustomerMessage(scope, { conversationId, text }))!;
    return { conversationId, messageId: question.id, text };
  };

  const handOff = (q: { conversationId: string; messageId: string; text: string }) =>
    handoffs.handOff(
      scope,
      {
        workspaceId: scope.workspaceId,
        conversationId: q.conversationId,
        reason: 'bot_not_enough_data',
        messageId: q.messageId,
        question: q.text,
        attemptedAnswer: '',
        policy: 'NO_REPLY',
        sources: [],
        requestedAt: new Date().toISOString(),
      },
      TARGETS,
    );

  const contextOf = async (ticketId: string) => {
    const [row] = await sequelize.query<{ context: TicketContext }>(
      'SELECT context FROM tickets WHERE id = $1',
      { bind: [ticketId], type: QueryTypes.SELECT },
    );
    return row!.context;
  };

  it('sets the attempt on the ticket the question opened, when the handoff came first', async () => {
    const q = await stuckQuestion('Do you ship to Antarctica?');
    const outcome = await handOff(q);
    expect(outcome.kind).toBe('handed_off');
    const ticketId = (outcome as { ticketId: string }).ticketId;
    expect((await contextOf(ticketId)).attemptedAnswer).toBe('');

    const attached = await handoffs.attachAttemptedAnswer(scope, {
      conversationId: q.conversationId,
      messageId: q.messageId,
      attemptedAnswer: 'Perhaps by ship, in summer.',
    });
    expect(attached).toEqual({ found: true, attached: true, ticketId });
    expect((await contextOf(ticketId)).attemptedAnswer).toBe('Perhaps by ship, in summer.');
  });

  it('keeps the attempt for a handoff still to come, which then carries it', async () => {
    const q = await stuckQuestion('Can I pay in gold?');
    const attached = await handoffs.attachAttemptedAnswer(scope, {
      conversationId: q.conversationId,
      messageId: q.messageId,
      attemptedAnswer: 'Only cards, I think.',
    });
    expect(attached).toEqual({ found: true, attached: true, ticketId: null });
    const outcome = await handOff(q);
    expect(outcome.kind).toBe('handed_off');
    const ticketId = (outcome as { ticketId: string }).ticketId;
    expect((await contextOf(ticketId)).attemptedAnswer).toBe('Only cards, I think.');
  });

  it("touches no other workspace's conversation", async () => {
    const q = await stuckQuestion('Is there a discount?');
    const outcome = await handOff(q);
    const ticketId = (outcome as { ticketId: string }).ticketId;
    const otherWorkspace = await seedWorkspace(sequelize, 'attach attempt, other');
    const other = { ...scope, workspaceId: otherWorkspace };
    expect(
      await handoffs.attachAttemptedAnswer(other, {
        conversationId: q.conversationId,
        messageId: q.messageId,
        attemptedAnswer: 'Not mine to write.',
      }),
    ).toEqual({ found: false, attached: false, ticketId: null });
    expect((await contextOf(ticketId)).attemptedAnswer).toBe('');
  });

  it('keeps the first attempt: a second writer changes neither the message nor the ticket', async () => {
    const q = await stuckQuestion('Do you ship by drone?');
    const ticketId = ((await handOff(q)) as { ticketId: string }).ticketId;
    const ids = { conversationId: q.conversationId, messageId: q.messageId };
    await handoffs.attachAttemptedAnswer(scope, { ...ids, attemptedAnswer: 'Not yet.' });
    expect(
      await handoffs.attachAttemptedAnswer(scope, { ...ids, attemptedAnswer: 'Asked again.' }),
    ).toEqual({ found: true, attached: false, ticketId: null });
    expect((await contextOf(ticketId)).attemptedAnswer).toBe('Not yet.');
  });

  it('tells whether an attempt is owed, attached (even empty) or its message gone', async () => {
    const q = await stuckQuestion('Do you deliver on Sundays?');
    const ids = { conversationId: q.conversationId, messageId: q.messageId };
    await handOff(q);
    expect(await handoffs.attemptState(scope, ids)).toBe('owed');
    await handoffs.attachAttemptedAnswer(scope, { ...ids, attemptedAnswer: '' });
    expect(await handoffs.attemptState(scope, ids)).toBe('attached');
    const otherWorkspace = await seedWorkspace(sequelize, 'attach attempt, elsewhere');
    expect(await handoffs.attemptState({ ...scope, workspaceId: otherWorkspace }, ids)).toBe(
      'gone',
    );
  });
});
