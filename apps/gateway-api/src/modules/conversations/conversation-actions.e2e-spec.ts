import { randomBytes } from 'node:crypto';
import Bull from 'bull';
import type { Socket } from 'socket.io-client';
import {
  type ChannelOutboundJobData,
  ClientEvents,
  type ConversationUpdatedPayload,
  type CsatRequestedPayload,
  type CsatSubmittedPayload,
  type HandoffRequestJobData,
  type MessagePayload,
  QueueNames,
  ServerEvents,
  SocketNamespaces,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import { AcceptCustomerMessage } from '@cxgenie/conversations';
import { TenantConnections, type TenantScope } from '@cxgenie/database';
import {
  addSnippet,
  ApiClient,
  type BootedService,
  bootService,
  connectSocket,
  eventually,
  PARCEL_KNOWLEDGE,
  type RecordingSocket,
  sharedQueuePrefix,
  signInAsNewMember,
  type SpawnedService,
  spawnService,
  TEST_REDIS_URL,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';
import { storedAnalyticsEvents } from '../../core-modules/analytics/analytics.test-helpers';

/** The machine running the suite is shared and slow: waits are generous, they end when met. */
const WAIT_MS = 30_000;
jest.setTimeout(180_000);

interface StateBody {
  id: string;
  status: string;
  assigneeId: string | null;
  closedAt: string | null;
}
interface ErrorBody {
  statusCode: number;
  message: string;
  details: { field: string; message: string }[];
}
interface StoredMessage {
  id: string;
  seq: number;
  senderType: string;
  senderId: string | null;
  direction: string;
  status: string;
  text: string;
}

/** An agent's live view: every conversation and rating event of the workspace. */
interface AgentView extends RecordingSocket {
  updates: ConversationUpdatedPayload[];
  ratings: CsatSubmittedPayload[];
}

/** A widget customer's live view, with the rating requests it gets. */
interface Customer extends RecordingSocket {
  token: string;
  csat: CsatRequestedPayload[];
  send(text: string): Promise<MessagePayload>;
}

describe('agent actions on a conversation, over real services', () => {
  let coreAi: SpawnedService;
  let gateway: BootedService;
  let tenants: TenantConnections;
  let scope: TenantScope;
  let owner: ApiClient;
  let agent: ApiClient;
  let colleague: ApiClient;
  let outsider: ApiClient;
  let agentId: string;
  let colleagueId: string;
  let botId: string;
  let botKey: string;
  let agentView: AgentView;
  let outbound: Bull.Queue<ChannelOutboundJobData>;
  let handoffs: Bull.Queue<HandoffRequestJobData>;
  const sockets: Socket[] = [];

  const userIdOf = async (client: ApiClient) =>
    (await client.get<{ user: { id: string } }>('/api/v1/auth/me')).body.user.id;

  beforeAll(async () => {
    const QUEUE_PREFIX = sharedQueuePrefix();
    coreAi = await spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '0', QUEUE_PREFIX });
    gateway = await bootService(gatewayApiService, {
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      QUEUE_PREFIX,
    });
    tenants = gateway.app.get(TenantConnections);
    owner = await ApiClient.signUp(gateway.url);
    outsider = await ApiClient.signUp(gateway.url);
    scope = await tenants.scope(owner.session!.workspaceId);
    agent = await signInAsNewMember(gateway, owner.session!.workspaceId, 'agent');
    colleague = await signInAsNewMember(gateway, owner.session!.workspaceId, 'agent');
    [agentId, colleagueId] = await Promise.all([userIdOf(agent), userIdOf(colleague)]);
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: 'Actions bot',
      typeReplyUnknown: 'AI_GENERATE',
    });
    expect(bot.status).toBe(201);
    ({ id: botId, publicKey: botKey } = bot.body);
    await addSnippet(owner, coreAi.url, botId, PARCEL_KNOWLEDGE);

    const recorder = await connectSocket(gateway.url, SocketNamespaces.Agent, {
      token: agent.session!.accessToken,
    });
    agentView = Object.assign(recorder, { updates: [], ratings: [] });
    recorder.socket.on(ServerEvents.ConversationUpdated, (u: ConversationUpdatedPayload) =>
      agentView.updates.push(u),
    );
    recorder.socket.on(ServerEvents.CsatSubmitted, (r: CsatSubmittedPayload) =>
      agentView.ratings.push(r),
    );
    sockets.push(recorder.socket);
    outbound = new Bull(QueueNames.ChannelOutbound, TEST_REDIS_URL, { prefix: QUEUE_PREFIX });
    handoffs = new Bull(QueueNames.HandoffRequests, TEST_REDIS_URL, { prefix: QUEUE_PREFIX });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await outbound?.close();
    await handoffs?.close();
    await gateway?.close();
    await coreAi?.close();
  });

  /** The conversation's one rating fact, once it reached ClickHouse (facts leave in batches). */
  const csatFacts = (conversationId: string) =>
    eventually(async () => {
      const stored = (await storedAnalyticsEvents(gateway.app, scope.workspaceId)).filter(
        (e) => e.type === 'csat.submitted' && e.conversationId === conversationId,
      );
      expect(stored).toHaveLength(1);
      return stored;
    }, WAIT_MS);

  const newCustomer = async (): Promise<Customer> => {
    const session = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey },
    );
    const token = session.body.sessionToken;
    const recorder = await connectSocket(gateway.url, SocketNamespaces.Customer, { token });
    sockets.push(recorder.socket);
    const customer: Customer = Object.assign(recorder, {
      token,
      csat: [] as CsatRequestedPayload[],
      send: async (text: string) => {
        const ack = (await recorder.socket.emitWithAck(ClientEvents.SendMessage, { text })) as {
          ok: boolean;
          message: MessagePayload;
        };
        expect(ack.ok).toBe(true);
        return ack.message;
      },
    });
    recorder.socket.on(ServerEvents.CsatRequested, (r: CsatRequestedPayload) =>
      customer.csat.push(r),
    );
    return customer;
  };

  const botReplyTo = (customer: Customer, question: MessagePayload) =>
    eventually(() => {
      const reply = customer.completed.find((m) => m.replyToMessageId === question.id);
      expect(reply).toBeDefined();
      return reply!;
    }, WAIT_MS);

  /** A widget conversation the bot has already answered once. */
  const answeredConversation = async () => {
    const customer = await newCustomer();
    const question = await customer.send('Where is my parcel?');
    await botReplyTo(customer, question);
    return { customer, conversationId: question.conversationId };
  };

  /** Waits until the pipeline has dealt with the message, whatever it decided. */
  const handled = (message: MessagePayload) =>
    eventually(async () => {
      const row = await scope.models.Conversation.findByPk(message.conversationId);
      expect(row!.processedInboundSeq).toBeGreaterThanOrEqual(message.seq);
    }, WAIT_MS);

  const stored = async (conversationId: string) =>
    (
      await owner.get<{ items: StoredMessage[] }>(
        `/api/v1/conversations/${conversationId}/messages`,
      )
    ).body.items;

  const act = (client: ApiClient, conversationId: string, action: string) =>
    client.post<StateBody & ErrorBody>(`/api/v1/conversations/${conversationId}/${action}`);

  const reply = (client: ApiClient, conversationId: string, text: unknown) =>
    client.post<MessagePayload & ErrorBody>(`/api/v1/conversations/${conversationId}/messages`, {
      text,
    });

  it('take over silences the bot, the reply reaches the customer live and in order, hand back brings the bot back', async () => {
    const { customer, conversationId } = await answeredConversation();

    const taken = await act(agent, conversationId, 'takeover');
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ id: conversationId, status: 'human', assigneeId: agentId });
    await eventually(() =>
      expect(agentView.updates).toContainEqual(
        expect.objectContaining({
          conversationId,
          change: 'taken_over',
          status: 'human',
          assigneeId: agentId,
          actorId: agentId,
        }),
      ),
    );

    // The ticket app is asked to open (or reuse) the ticket, assigned to this agent.
    const requests = (await handoffs.getJobs(['waiting', 'delayed', 'active'])).filter(
      (j) => j.data.conversationId === conversationId,
    );
    expect(requests.map((j) => j.data)).toEqual([
      expect.objectContaining({
        workspaceId: scope.workspaceId,
        reason: 'agent_takeover',
        agentUserId: agentId,
        messageId: null,
      }),
    ]);
    // As the ticket app would: the conversation's ticket, not answered yet.
    const ticket = await scope.models.Ticket.create({
      workspaceId: scope.workspaceId,
      conversationId,
      subject: 'Where is my parcel?',
      assigneeId: agentId,
    });

    // The bot stays silent from now on.
    const unanswered = await customer.send('Hello? Is a person there?');
    await handled(unanswered);
    expect(customer.completed.some((m) => m.replyToMessageId === unanswered.id)).toBe(false);
    expect(customer.chunks.some((c) => c.replyToMessageId === unanswered.id)).toBe(false);

    const sent = await reply(
      agent,
      conversationId,
      '  Hi, this is Ana from support. Let me check.  ',
    );
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      conversationId,
      seq: 4,
      direction: 'outbound',
      senderType: 'agent',
      text: 'Hi, this is Ana from support. Let me check.',
      status: 'sent',
    });
    // Live to the customer and to the agents, as message.created.
    await eventually(() => {
      expect(customer.created.find((m) => m.id === sent.body.id)).toMatchObject({ seq: 4 });
      expect(agentView.created.some((m) => m.id === sent.body.id)).toBe(true);
    });
    expect((await stored(conversationId)).map((m) => [m.seq, m.senderType, m.senderId])).toEqual([
      [1, 'customer', null],
      [2, 'bot', null],
      [3, 'customer', null],
      [4, 'agent', agentId],
    ]);
    // The first agent reply is the ticket's first response, once.
    expect((await reply(agent, conversationId, 'Found it: it is with the carrier.')).status).toBe(
      201,
    );
    await ticket.reload();
    expect(ticket.firstRespondedAt).toBeInstanceOf(Date);
    const ticketEvents = async () =>
      (
        await scope.models.TicketEvent.findAll({
          where: { ticketId: ticket.id },
          order: [['createdAt', 'ASC']],
        })
      ).map((e) => [e.type, e.actorId, e.data]);
    expect(await ticketEvents()).toEqual([
      ['ticket.first_response', agentId, { messageId: sent.body.id }],
    ]);

    const back = await act(agent, conversationId, 'handback');
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'bot', assigneeId: null });
    await eventually(() =>
      expect(agentView.updates).toContainEqual(
        expect.objectContaining({ conversationId, change: 'handed_back', status: 'bot' }),
      ),
    );
    // The moment is on the ticket: older handoff requests must not pull it back to a human.
    expect((await ticketEvents()).map(([type]) => type)).toEqual([
      'ticket.first_response',
      'conversation.handed_back',
    ]);
    // Handing back twice changes nothing and tells nobody.
    const updatesBefore = agentView.updates.length;
    expect((await act(agent, conversationId, 'handback')).body.status).toBe('bot');

    const again = await customer.send('Where is my parcel now?');
    const answer = await botReplyTo(customer, again);
    expect(answer.seq).toBe(7);
    expect(answer.text).toContain('tracking');
    expect(agentView.updates.length).toBe(updatesBefore);
  });

  it('replying to a conversation the bot has takes it over; a colleague replying does not reassign it', async () => {
    const { customer, conversationId } = await answeredConversation();
    const first = await reply(agent, conversationId, 'I will take this one from here.');
    expect(first.status).toBe(201);
    const conversation = await owner.get<StateBody>(`/api/v1/conversations/${conversationId}`);
    expect(conversation.body).toMatchObject({ status: 'human', assigneeId: agentId });
    await eventually(() =>
      expect(agentView.updates).toContainEqual(
        expect.objectContaining({ conversationId, change: 'taken_over', assigneeId: agentId }),
      ),
    );

    const second = await reply(colleague, conversationId, 'Adding a detail for you.');
    expect(second.status).toBe(201);
    expect(second.body.seq).toBe(first.body.seq + 1);
    const after = await owner.get<StateBody>(`/api/v1/conversations/${conversationId}`);
    expect(after.body.assigneeId).toBe(agentId);
    const mine = (await stored(conversationId)).filter((m) => m.senderType === 'agent');
    expect(mine.map((m) => m.senderId)).toEqual([agentId, colleagueId]);

    // The colleague may still take it over explicitly.
    const taken = await act(colleague, conversationId, 'takeover');
    expect(taken.body).toMatchObject({ status: 'human', assigneeId: colleagueId });
    // Each change of hands, and only those, asked the ticket app to follow.
    const requests = (await handoffs.getJobs(['waiting', 'delayed', 'active']))
      .filter((j) => j.data.conversationId === conversationId)
      .sort((a, b) => Number(a.id) - Number(b.id));
    expect(requests.map((j) => [j.data.reason, j.data.agentUserId])).toEqual([
      ['agent_takeover', agentId],
      ['agent_takeover', colleagueId],
    ]);

    const silent = await customer.send('Thanks, waiting for you.');
    await handled(silent);
    expect(customer.completed.some((m) => m.replyToMessageId === silent.id)).toBe(false);
  });

  it('on a messaging platform: replies and the rating question go out on channel.outbound in order; a digit reply is the rating', async () => {
    const channel = await owner.post<{ id: string }>('/api/v1/channels', {
      type: 'telegram',
      name: 'Telegram',
      botId,
      credentials: { botToken: `123456:${randomBytes(12).toString('hex')}` },
    });
    expect(channel.status).toBe(201);
    const channelId = channel.body.id;
    const customer = await scope.models.Customer.create({
      workspaceId: scope.workspaceId,
      name: 'Telegram customer',
    });
    const intake = gateway.app.get(AcceptCustomerMessage);
    // What the integration app does with a webhook's message: the shared intake, so the customer's
    // open conversation on the channel (a new one once it is closed), the next sequence number,
    // the inbound queue.
    const inbound = async (text: string) => {
      const accepted = await intake.execute(scope, {
        party: { channelId, botId, customerId: customer.id },
        text,
        platformMessageId: randomBytes(6).toString('hex'),
      });
      return accepted!.message;
    };
    const jobsOf = async (conversationId: string) =>
      (await outbound.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']))
        .filter((job) => job.data.conversationId === conversationId)
        .sort((a, b) => Number(a.id) - Number(b.id));

    const question = await inbound('Where is my parcel?');
    const conversationId = question.conversationId;
    await eventually(async () => expect(await jobsOf(conversationId)).toHaveLength(1), WAIT_MS);

    expect((await act(agent, conversationId, 'takeover')).status).toBe(200);
    const sent = await reply(agent, conversationId, 'An agent here: your parcel left today.');
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ seq: 3, status: 'queued', senderType: 'agent' });

    const closed = await act(agent, conversationId, 'close');
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });

    const messages = await stored(conversationId);
    expect(messages.map((m) => [m.seq, m.senderType, m.status])).toEqual([
      [1, 'customer', 'received'],
      [2, 'bot', 'queued'],
      [3, 'agent', 'queued'],
      [4, 'system', 'queued'],
    ]);
    expect(messages[0].id).toBe(question.id);
    expect(messages[3].text).toMatch(/How would you rate .*\? Reply 1–5/);
    // Bot reply, agent reply, rating question: queued in conversation order, as the bot's are.
    const jobs = await jobsOf(conversationId);
    expect(jobs.map((j) => j.data.messageId)).toEqual(messages.slice(1).map((m) => m.id));
    for (const job of jobs)
      expect(job.data).toMatchObject({
        workspaceId: scope.workspaceId,
        channelId,
        channelType: 'telegram',
      });

    // The customer answers with a digit. On the platform path that is a new conversation; the
    // digit rates the closed one, is thanked on the channel, not answered by the bot, and does
    // not leave the new conversation open.
    const rating = await inbound(' 4 ');
    expect(rating).toMatchObject({ seq: 1 });
    expect(rating.conversationId).not.toBe(conversationId);
    await handled(rating);
    const saved = await scope.models.CsatRating.findAll({ where: { conversationId } });
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ rating: 4, agentId, botId, customerId: customer.id });
    const followUp = await stored(rating.conversationId);
    expect(followUp.map((m) => [m.seq, m.senderType, m.text])).toEqual([
      [1, 'customer', ' 4 '],
      [2, 'system', 'Thank you for your feedback!'],
    ]);
    for (const id of [conversationId, rating.conversationId])
      expect((await scope.models.Conversation.findByPk(id))!.status).toBe('closed');
    await eventually(async () =>
      expect((await jobsOf(rating.conversationId)).map((j) => j.data.messageId)).toEqual([
        followUp[1].id,
      ]),
    );
    const events = await csatFacts(conversationId);
    expect(events[0]).toMatchObject({
      messageId: rating.id,
      data: { rating: 4, agent_id: agentId, bot_id: botId, channel_type: 'telegram' },
    });
    await eventually(() => {
      expect(agentView.ratings).toContainEqual(
        expect.objectContaining({ conversationId, rating: 4, agentId }),
      );
      expect(agentView.updates).toContainEqual(
        expect.objectContaining({
          conversationId: rating.conversationId,
          change: 'closed',
          actorId: null,
        }),
      );
    });

    // Whatever comes next is a new conversation for the bot; the rating stands.
    const next = await inbound('2');
    expect(next.conversationId).not.toBe(rating.conversationId);
    await eventually(
      async () =>
        expect((await stored(next.conversationId)).map((m) => m.senderType)).toEqual([
          'customer',
          'bot',
        ]),
      WAIT_MS,
    );
    expect(
      (await scope.models.CsatRating.findAll({ where: { conversationId } })).map((r) => r.rating),
    ).toEqual([4]);
  });

  it('widget: closing asks for a rating inline; it is stored once, linked to agent and bot, and recorded in analytics', async () => {
    const { customer, conversationId } = await answeredConversation();
    expect((await act(agent, conversationId, 'takeover')).status).toBe(200);
    expect((await act(agent, conversationId, 'close')).status).toBe(200);

    const request = await eventually(() => {
      expect(customer.csat).toHaveLength(1);
      return customer.csat[0];
    });
    expect(request).toMatchObject({ conversationId, minRating: 1, maxRating: 5 });
    const question = customer.created.find((m) => m.id === request.messageId);
    expect(question).toMatchObject({ senderType: 'system', text: request.question });
    await eventually(() =>
      expect(agentView.updates).toContainEqual(
        expect.objectContaining({ conversationId, change: 'closed', status: 'closed' }),
      ),
    );

    const tooHigh = (await customer.socket.emitWithAck(ClientEvents.SubmitCsat, {
      conversationId,
      rating: 6,
    })) as { ok: boolean; error: { code: string; field: string } };
    expect(tooHigh).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', field: 'rating' },
    });

    const ack = (await customer.socket.emitWithAck(ClientEvents.SubmitCsat, {
      conversationId,
      rating: 5,
      comment: 'Quick and kind.',
    })) as { ok: boolean; rating: CsatSubmittedPayload };
    expect(ack).toMatchObject({
      ok: true,
      rating: { conversationId, rating: 5, comment: 'Quick and kind.', agentId, botId },
    });
    const saved = await scope.models.CsatRating.findOne({ where: { conversationId } });
    expect(saved).toMatchObject({ rating: 5, agentId, botId, comment: 'Quick and kind.' });
    const events = await csatFacts(conversationId);
    expect(events[0]).toMatchObject({
      messageId: request.messageId,
      data: { rating: 5, agent_id: agentId, bot_id: botId, channel_type: 'web' },
    });
    await eventually(() =>
      expect(agentView.ratings).toContainEqual(
        expect.objectContaining({ conversationId, rating: 5 }),
      ),
    );

    // Once per closing, over either path.
    const widget = new ApiClient(gateway.url).withBearer(customer.token);
    const twice = await widget.post<ErrorBody>('/api/v1/widget/csat', {
      conversationId,
      rating: 1,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.details).toEqual([{ field: 'conversationId', message: 'is already rated' }]);
    // Another customer cannot rate it; a conversation still open cannot be rated.
    const stranger = await answeredConversation();
    const strangerClient = new ApiClient(gateway.url).withBearer(stranger.customer.token);
    expect(
      (await strangerClient.post('/api/v1/widget/csat', { conversationId, rating: 1 })).status,
    ).toBe(404);
    const open = await strangerClient.post<ErrorBody>('/api/v1/widget/csat', {
      conversationId: stranger.conversationId,
      rating: 3,
    });
    expect(open.status).toBe(409);
    expect(open.body.message).toBe('Only a closed conversation can be rated');
    const invalid = await strangerClient.post<ErrorBody>('/api/v1/widget/csat', {
      conversationId: stranger.conversationId,
      rating: 0,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.map((d) => d.field)).toEqual(['rating']);

    // Over REST this time, after reopening and closing again: asked again, the new rating counts.
    expect((await act(agent, conversationId, 'reopen')).body).toMatchObject({
      status: 'human',
      assigneeId: agentId,
      closedAt: null,
    });
    expect((await act(agent, conversationId, 'close')).status).toBe(200);
    await eventually(() => expect(customer.csat).toHaveLength(2));
    const rerated = await widget.post<CsatSubmittedPayload>('/api/v1/widget/csat', {
      conversationId,
      rating: 3,
    });
    expect(rerated.status).toBe(201);
    expect(rerated.body).toMatchObject({ rating: 3, comment: null, agentId });
    expect(await scope.models.CsatRating.count({ where: { conversationId } })).toBe(1);
    const context = await agent.get<{ csat: { rating: number } }>(
      `/api/v1/conversations/${conversationId}/context`,
    );
    expect(context.body.csat.rating).toBe(3);
  });

  it('validates replies, refuses actions that do not fit the state, and keeps workspaces apart', async () => {
    const { conversationId } = await answeredConversation();

    for (const [text, message] of [
      ['', 'must not be empty'],
      ['   ', 'must not be empty'],
      ['x'.repeat(4_001), 'must be at most 4000 characters'],
      [42, 'must be a string'],
    ] as const) {
      const res = await reply(agent, conversationId, text);
      expect(res.status).toBe(400);
      expect(res.body.details).toContainEqual({ field: 'text', message });
    }
    const extra = await agent.post<ErrorBody>(`/api/v1/conversations/${conversationId}/messages`, {
      text: 'hi',
      senderType: 'bot',
    });
    expect(extra.status).toBe(400);
    expect(extra.body.details[0].field).toBe('senderType');
    expect((await stored(conversationId)).map((m) => m.senderType)).toEqual(['customer', 'bot']);

    // Another workspace's agent: 404 for everything, and nothing changed.
    for (const action of ['takeover', 'handback', 'close', 'reopen', 'context']) {
      const res =
        action === 'context'
          ? await outsider.get<ErrorBody>(`/api/v1/conversations/${conversationId}/context`)
          : await act(outsider, conversationId, action);
      expect([action, res.status]).toEqual([action, 404]);
    }
    expect((await reply(outsider, conversationId, 'Hello from elsewhere')).status).toBe(404);
    expect((await act(agent, 'not-a-uuid', 'takeover')).status).toBe(404);
    expect((await act(agent, '00000000-0000-4000-8000-000000000000', 'close')).status).toBe(404);
    const unchanged = await owner.get<StateBody>(`/api/v1/conversations/${conversationId}`);
    expect(unchanged.body).toMatchObject({ status: 'bot', assigneeId: null });
    expect((await stored(conversationId)).length).toBe(2);

    // A widget session cannot act as an agent.
    const customer = await newCustomer();
    const widget = new ApiClient(gateway.url).withBearer(customer.token);
    expect((await act(widget, conversationId, 'takeover')).status).toBe(403);

    // Closed: only reopening applies.
    expect((await act(agent, conversationId, 'close')).status).toBe(200);
    for (const action of ['takeover', 'handback', 'close']) {
      const res = await act(agent, conversationId, action);
      expect([action, res.status]).toEqual([action, 409]);
      expect(res.body.details).toEqual([{ field: 'status', message: 'is closed' }]);
    }
    expect((await act(agent, conversationId, 'close')).body.message).toBe(
      'The conversation is already closed',
    );
    const late = await reply(agent, conversationId, 'One more thing');
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/closed: reopen it/);
    expect((await act(agent, conversationId, 'reopen')).body).toMatchObject({
      status: 'human',
      assigneeId: agentId,
    });
    expect((await act(agent, conversationId, 'reopen')).status).toBe(409);
    expect((await reply(agent, conversationId, 'One more thing')).status).toBe(201);

    // An API key has nobody to assign, but may close.
    const key = await owner.post<{ key: string }>('/api/v1/api-keys', {
      name: 'automation',
      role: 'agent',
    });
    const automation = new ApiClient(gateway.url).withApiKey(key.body.key);
    expect((await act(automation, conversationId, 'takeover')).status).toBe(403);
    expect((await reply(automation, conversationId, 'from a script')).status).toBe(403);
    expect((await act(automation, conversationId, 'close')).status).toBe(200);
  });
});
