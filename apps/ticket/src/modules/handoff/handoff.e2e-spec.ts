import Bull from 'bull';
import { QueryTypes } from 'sequelize';
import {
  type BotNotEnoughDataEvent,
  ClientEvents,
  type ConversationStatus,
  type HandoffCreatedEvent,
  type MessagePayload,
  QueueNames,
  type ReplyUnknownPolicy,
  SocketNamespaces,
  type TicketPayload,
} from '@cxgenie/contracts';
import {
  addSnippet,
  type AgentClient,
  ApiClient,
  availabilityOf,
  connectAgent,
  connectSocket,
  eventually,
  type RecordingSocket,
  signInAsNewMember,
  startTicketStack,
  TEST_REDIS_URL,
  type TicketStack,
} from '@cxgenie/testing';
import { ticketService } from '../../ticket.service';

/** General returns only: nothing about refunds, nothing about damaged goods. */
const GENERAL_RETURNS = {
  title: 'General returns',
  content: [
    'Returns. You can return shoes, boots and clothing within 30 days of delivery, unworn and in their original box.',
    'Start the return from the Orders page of your account and print the prepaid label. Drop the parcel at any post office.',
  ].join('\n\n'),
};
const KNOWN = 'How do I return boots?';
const UNKNOWN = 'Can I get a refund for an item that arrived damaged?';

interface Bot {
  id: string;
  publicKey: string;
}

/**
 * The handoff through every real service: widget → gateway pipeline → core-ai (local answers
 * over the bot's knowledge) → ticket app → the agent's socket, with PostgreSQL and Redis between.
 */
describe('handoff from the bot to a human, end to end', () => {
  let stack: TicketStack;
  let owner: ApiClient;
  let agent: AgentClient;
  let silentBot: Bot;
  let fallbackBot: Bot;
  let notEnoughData: Bull.Queue<BotNotEnoughDataEvent>;
  const widgets: RecordingSocket[] = [];

  const createBot = async (typeReplyUnknown: ReplyUnknownPolicy, extra: object = {}) => {
    const res = await owner.post<Bot>('/api/v1/bots', {
      name: `Shop ${typeReplyUnknown}`,
      typeReplyUnknown,
      fallbackMessage: 'Let me find out for you.',
      ...extra,
    });
    expect(res.status).toBe(201);
    await addSnippet(owner, stack.coreAi!.url, res.body.id, GENERAL_RETURNS);
    return res.body;
  };

  beforeAll(async () => {
    // Answers last a second or two: messages sent meanwhile really wait behind them, however
    // loaded the machine.
    stack = await startTicketStack({
      inProcess: ticketService,
      withCoreAi: true,
      answerTokenDelayMs: 15,
    });
    owner = await ApiClient.signUp(stack.gateway.url);
    // The owner never connects: offline, so every automatic assignment must go to the agent.
    const member = await signInAsNewMember(stack.gateway, owner.session!.workspaceId, 'agent');
    agent = await connectAgent(stack.gateway.url, member);
    await availabilityOf(agent, 'online');
    silentBot = await createBot('NO_REPLY');
    fallbackBot = await createBot('INPUT_ANSWER', { handoffPhrases: ['talk to a human'] });
    notEnoughData = new Bull(QueueNames.BotNotEnoughData, TEST_REDIS_URL, {
      prefix: stack.queuePrefix,
    });
  }, 240_000);

  afterAll(async () => {
    for (const widget of widgets) widget.socket.close();
    agent?.close();
    await notEnoughData?.close();
    await stack?.close();
  });

  const openWidget = async (bot: Bot) => {
    const session = await new ApiClient(stack.gateway.url).post<{
      sessionToken: string;
      customerId: string;
    }>('/api/v1/widget/sessions', { botKey: bot.publicKey });
    const widget = await connectSocket(stack.gateway.url, SocketNamespaces.Customer, {
      token: session.body.sessionToken,
    });
    widgets.push(widget);
    return { widget, customerId: session.body.customerId };
  };

  const say = async (widget: RecordingSocket, text: string): Promise<MessagePayload> => {
    const ack = (await widget.socket.emitWithAck(ClientEvents.SendMessage, { text })) as {
      ok: boolean;
      message: MessagePayload;
    };
    expect(ack.ok).toBe(true);
    return ack.message;
  };

  const handoffOf = (conversationId: string, after = 0) =>
    eventually(() => {
      const found = agent.handoffs
        .slice(after)
        .find((h) => h.event.ticket.conversationId === conversationId);
      expect(found).toBeDefined();
      return found!;
    }, 20_000);

  const conversationStatus = async (conversationId: string) =>
    (await owner.get<{ status: ConversationStatus }>(`/api/v1/conversations/${conversationId}`))
      .body.status;

  const ticketsOf = async (conversationId: string) =>
    (
      await owner.get<{ items: TicketPayload[] }>(
        `/api/v1/tickets?conversationId=${conversationId}`,
      )
    ).body.items;

  it('the narrative: the bot does not know, stays silent, and the online agent has the whole story', async () => {
    const { widget, customerId } = await openWidget(silentBot);
    await say(widget, KNOWN);
    const answer = await eventually(() => {
      expect(widget.completed).toHaveLength(1);
      return widget.completed[0]!;
    }, 20_000);

    const sentAt = Date.now();
    const question = await say(widget, UNKNOWN);
    const { event, at } = await handoffOf(question.conversationId);
    // How fast is a benchmark's claim (`npm run bench -- handoff-latency`), not this test's.
    expect(at).toBeGreaterThanOrEqual(sentAt);

    // The customer was told nothing: no chunk, no reply to the question.
    expect(widget.completed).toHaveLength(1);
    expect(widget.chunks.some((c) => c.replyToMessageId === question.id)).toBe(false);

    const expected: Partial<HandoffCreatedEvent> = {
      workspaceId: owner.session!.workspaceId,
      reason: 'bot_not_enough_data',
      ticketOpened: true,
    };
    expect(event).toMatchObject(expected);
    const { ticket } = event;
    expect(ticket).toMatchObject({
      conversationId: question.conversationId,
      subject: UNKNOWN,
      status: 'open',
      priority: 'normal',
      assigneeId: agent.userId,
    });
    expect(ticket.context).toMatchObject({
      reason: 'bot_not_enough_data',
      conversationId: question.conversationId,
      botId: silentBot.id,
      customer: { id: customerId },
      channel: { type: 'web' },
      triggerMessageId: question.id,
      question: UNKNOWN,
      policy: 'NO_REPLY',
      previousTicketId: null,
    });
    expect(typeof ticket.context.attemptedAnswer).toBe('string');
    // Why the bot stayed silent travels with the ticket: its score fell under the bot's threshold.
    const why = ticket.context.answerability;
    expect(why?.score).toBeLessThan(why!.threshold);
    expect(Object.keys(why!.features).length).toBeGreaterThan(2);
    expect(why!.reason.length).toBeGreaterThan(0);
    expect(ticket.context.sources.length).toBeGreaterThan(0);
    expect(ticket.context.sources[0]).toMatchObject({ title: GENERAL_RETURNS.title });
    expect(ticket.context.transcript.map((m) => [m.senderType, m.text])).toEqual([
      ['customer', KNOWN],
      ['bot', answer.text],
      ['customer', UNKNOWN],
    ]);
    expect(ticket.sla.firstResponse.state).toBe('running');

    // The same ticket over REST; the conversation is the agent's, in human mode.
    const fetched = await owner.get<TicketPayload>(`/api/v1/tickets/${ticket.id}`);
    expect(fetched.body).toMatchObject({ id: ticket.id, assigneeId: agent.userId });
    expect(fetched.body.context).toEqual(ticket.context);
    const conversation = await owner.get<{ status: string; assigneeId: string }>(
      `/api/v1/conversations/${question.conversationId}`,
    );
    expect(conversation.body).toMatchObject({ status: 'human', assigneeId: agent.userId });
    await eventually(() =>
      expect(agent.assigned.some((a) => a.ticketId === ticket.id && a.mode === 'auto')).toBe(true),
    );
    const history = await owner.get<{ items: { type: string }[] }>(
      `/api/v1/tickets/${ticket.id}/history`,
    );
    expect(history.body.items.map((h) => h.type)).toEqual([
      'ticket.opened',
      'handoff.requested',
      'conversation.human',
      'ticket.assigned',
    ]);

    // From now on the bot keeps out of it, even for a question it knows.
    const later = await say(widget, KNOWN);
    await eventually(async () => {
      const [row] = await stack.sequelize.query<{ processed_inbound_seq: number }>(
        'SELECT processed_inbound_seq FROM conversations WHERE id = :id',
        { replacements: { id: later.conversationId }, type: QueryTypes.SELECT },
      );
      expect(row!.processed_inbound_seq).toBe(later.seq);
    }, 20_000);
    expect(widget.completed).toHaveLength(1);
  });

  it('stays silent in human mode even for messages queued before the handoff', async () => {
    const { widget } = await openWidget(fallbackBot);
    // The first question keeps the bot busy while the rest queue up behind it.
    const first = await say(widget, KNOWN);
    const queued: MessagePayload[] = [];
    for (const text of ['I want to talk to a human', 'hello?', KNOWN, 'anyone there?'])
      queued.push(await say(widget, text));
    const [phrase] = queued;

    const { event } = await handoffOf(first.conversationId);
    expect(event.reason).toBe('customer_request');
    expect(event.ticket.context).toMatchObject({
      reason: 'customer_request',
      triggerMessageId: phrase!.id,
      question: 'I want to talk to a human',
    });
    expect(event.ticket.assigneeId).toBe(agent.userId);

    const last = queued[queued.length - 1]!;
    await eventually(async () => {
      const [row] = await stack.sequelize.query<{ processed_inbound_seq: number }>(
        'SELECT processed_inbound_seq FROM conversations WHERE id = :id',
        { replacements: { id: last.conversationId }, type: QueryTypes.SELECT },
      );
      expect(row!.processed_inbound_seq).toBe(last.seq);
    }, 20_000);
    const replies = await stack.sequelize.query<{ reply_to_message_id: string; created_at: Date }>(
      `SELECT reply_to_message_id, created_at FROM messages
        WHERE conversation_id = :id AND sender_type = 'bot'`,
      { replacements: { id: first.conversationId }, type: QueryTypes.SELECT },
    );
    // Exactly one bot reply: to the question asked before the customer asked for a human.
    expect(replies.map((r) => r.reply_to_message_id)).toEqual([first.id]);
    expect(widget.completed.map((m) => m.replyToMessageId)).toEqual([first.id]);
    // And the later messages really were waiting while the bot was still answering the first.
    expect(queued.every((m) => new Date(m.createdAt) < new Date(replies[0]!.created_at))).toBe(
      true,
    );
    expect(await conversationStatus(first.conversationId)).toBe('human');
  });

  it('does not loop: a closed, then reopened, conversation ignores the old trigger and hands off again only on a new one', async () => {
    const { widget } = await openWidget(silentBot);
    const question = await say(widget, UNKNOWN);
    const first = (await handoffOf(question.conversationId)).event.ticket;
    const original = agent.recording.notEnoughData.find((e) => e.messageId === question.id)!;
    expect(original).toBeDefined();
    const replay = async () => {
      const job = await notEnoughData.add(original, { jobId: `replay-${Date.now()}` });
      return (await job.finished()) as { kind: string; why?: string };
    };

    // The agents finish: the ticket is closed, then the conversation, both from the console.
    expect((await owner.patch(`/api/v1/tickets/${first.id}`, { status: 'closed' })).status).toBe(
      200,
    );
    const conversation = `/api/v1/conversations/${question.conversationId}`;
    expect((await owner.post(`${conversation}/close`, {})).status).toBe(200);
    expect(await replay()).toMatchObject({ kind: 'dropped', why: 'the conversation is closed' });

    // Reopened and handed back to the bot: the old trigger still belongs to the finished episode.
    expect((await owner.post(`${conversation}/reopen`, {})).status).toBe(200);
    expect((await owner.post(`${conversation}/handback`, {})).status).toBe(200);
    expect(await replay()).toMatchObject({
      kind: 'dropped',
      why: 'the conversation went back to the bot after its message',
    });
    expect(await conversationStatus(question.conversationId)).toBe('bot');
    expect((await ticketsOf(question.conversationId)).map((t) => t.id)).toEqual([first.id]);

    // A new question the bot cannot answer is a new reason: a new ticket, linked to the old one.
    const handoffsSoFar = agent.handoffs.length;
    const again = await say(widget, 'And will you pay for the return shipping of a damaged item?');
    expect(again.conversationId).toBe(question.conversationId);
    const second = (await handoffOf(question.conversationId, handoffsSoFar)).event;
    expect(second.ticketOpened).toBe(true);
    expect(second.ticket.id).not.toBe(first.id);
    expect(second.ticket.context.previousTicketId).toBe(first.id);
    expect(await conversationStatus(question.conversationId)).toBe('human');

    // Its own trigger delivered twice changes nothing the second time.
    const twice = agent.recording.notEnoughData.find((e) => e.messageId === again.id)!;
    const job = await notEnoughData.add(twice, { jobId: `replay-twice-${Date.now()}` });
    expect(await job.finished()).toEqual({ kind: 'duplicate', ticketId: second.ticket.id });
    expect((await ticketsOf(question.conversationId)).map((t) => t.id).sort()).toEqual(
      [first.id, second.ticket.id].sort(),
    );
  });

  it('under INPUT_ANSWER hands off only when the bot is set to hand off on unknown answers', async () => {
    const notEnoughDataFor = (messageId: string) =>
      eventually(() => {
        const event = agent.recording.notEnoughData.find((e) => e.messageId === messageId);
        expect(event).toBeDefined();
        return event!;
      }, 20_000);
    const settle = async (messageId: string) => {
      await notEnoughDataFor(messageId);
      const job = await notEnoughData.getJob(`not-enough-data:${messageId}`);
      return job!.finished() as Promise<unknown>;
    };

    const { widget } = await openWidget(fallbackBot);
    const unsure = await say(widget, UNKNOWN);
    expect(await settle(unsure.id)).toBe('kept-with-bot');
    expect(widget.completed.map((m) => m.text)).toEqual(['Let me find out for you.']);
    expect(await conversationStatus(unsure.conversationId)).toBe('bot');
    expect(await ticketsOf(unsure.conversationId)).toEqual([]);

    expect(
      (await owner.patch(`/api/v1/bots/${fallbackBot.id}`, { handoffOnUnknown: true })).status,
    ).toBe(200);
    try {
      const again = await say(widget, 'Who pays the shipping for a damaged parcel?');
      const { event } = await handoffOf(again.conversationId);
      expect(event.ticket.context).toMatchObject({
        reason: 'bot_not_enough_data',
        policy: 'INPUT_ANSWER',
        triggerMessageId: again.id,
      });
      expect(await conversationStatus(again.conversationId)).toBe('human');
    } finally {
      expect(
        (await owner.patch(`/api/v1/bots/${fallbackBot.id}`, { handoffOnUnknown: false })).status,
      ).toBe(200);
    }
  });
});
