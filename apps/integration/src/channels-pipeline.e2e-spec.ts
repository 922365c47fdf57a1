import Bull from 'bull';
import type { Socket } from 'socket.io-client';
import type { Sequelize } from 'sequelize';
import {
  type ChannelOutboundJobData,
  type HandoffRequestJobData,
  type MessagePayload,
  type MessageStatusPayload,
  QueueNames,
  ServerEvents,
  SocketNamespaces,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import { withTraceId } from '@cxgenie/observability';
import {
  ApiClient,
  type BootedService,
  FAKE_TELEGRAM_BOT_TOKEN,
  FAKE_VIBER_AUTH_TOKEN,
  FakeTelegram,
  FakeViber,
  PARCEL_KNOWLEDGE,
  type SpawnedService,
  TELEGRAM_CUSTOMER,
  TEST_REDIS_URL,
  VIBER_CUSTOMER,
  addSnippet,
  bootService,
  connectSocket,
  eventually,
  sharedQueuePrefix,
  spawnService,
  telegramUpdates,
  serviceTokenHeaders,
  viberCallbacks,
} from '@cxgenie/testing';
import { integrationService } from './integration.service';
import {
  type SeededChannel,
  messagesOfChannel,
  seedConversation,
  seedPlatformChannel,
  seedQueuedReplies,
} from './channels.test-helpers';

interface AgentFeed {
  socket: Socket;
  created: MessagePayload[];
  completed: MessagePayload[];
  statuses: MessageStatusPayload[];
}

const connectAgent = async (gatewayUrl: string, token: string): Promise<AgentFeed> => {
  const recorder = await connectSocket(gatewayUrl, SocketNamespaces.Agent, { token });
  const statuses: MessageStatusPayload[] = [];
  recorder.socket.on(ServerEvents.MessageStatus, (s: MessageStatusPayload) => statuses.push(s));
  return {
    socket: recorder.socket,
    created: recorder.created,
    completed: recorder.completed,
    statuses,
  };
};

describe('platform channels through the whole pipeline', () => {
  let telegram: FakeTelegram;
  let viber: FakeViber;
  let coreAi: SpawnedService;
  let gateway: SpawnedService;
  let integration: BootedService;
  let sequelize: Sequelize;
  let tenants: TenantConnections;
  let outbound: Bull.Queue<ChannelOutboundJobData>;
  let handoffs: Bull.Queue<HandoffRequestJobData>;
  let owner: ApiClient;
  let agent: AgentFeed;

  beforeAll(async () => {
    const QUEUE_PREFIX = sharedQueuePrefix();
    [telegram, viber] = await Promise.all([FakeTelegram.start(), FakeViber.start()]);
    coreAi = await spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '0', QUEUE_PREFIX });
    integration = await bootService(integrationService, {
      TELEGRAM_API_ROOT: telegram.apiRoot,
      VIBER_API_ROOT: viber.apiRoot,
      QUEUE_PREFIX,
    });
    gateway = await spawnService('gateway-api', {
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      [serviceUrlEnvVar('integration')]: integration.url,
      QUEUE_PREFIX,
    });
    tenants = integration.app.get(TenantConnections);
    sequelize = tenants.sequelize;
    outbound = new Bull(QueueNames.ChannelOutbound, TEST_REDIS_URL, { prefix: QUEUE_PREFIX });
    handoffs = new Bull(QueueNames.HandoffRequests, TEST_REDIS_URL, { prefix: QUEUE_PREFIX });
    owner = await ApiClient.signUp(gateway.url);
    agent = await connectAgent(gateway.url, owner.session!.accessToken);
  });

  afterAll(async () => {
    agent.socket.close();
    await outbound.close();
    await handoffs.close();
    await integration.close();
    await gateway.close();
    await coreAi.close();
    await Promise.all([telegram.close(), viber.close()]);
  });

  afterEach(() => {
    telegram.reset();
    viber.reset();
    viber.deliverReceiptsBeforeReplying(false);
  });

  const seedChannel = (type: 'telegram' | 'viber'): Promise<SeededChannel> =>
    seedPlatformChannel(sequelize, integration.config.encryptionKey, {
      type,
      workspaceId: owner.session!.workspaceId,
      credentials:
        type === 'telegram'
          ? { botToken: FAKE_TELEGRAM_BOT_TOKEN }
          : { authToken: FAKE_VIBER_AUTH_TOKEN },
    });

  /** What AnswerConversation does after committing a reply for a platform channel. */
  const queueDelivery = (
    channel: SeededChannel,
    conversationId: string,
    messageId: string,
    type: 'telegram' | 'viber',
  ) =>
    outbound.add(
      withTraceId({
        workspaceId: channel.workspaceId,
        conversationId,
        messageId,
        channelId: channel.channelId,
        channelType: type,
      }),
    );

  it("answers a Telegram customer: update in, the bot's answer out through sendMessage", async () => {
    const bot = await owner.post<{ id: string }>('/api/v1/bots', {
      name: 'Telegram bot',
      typeReplyUnknown: 'AI_GENERATE',
    });
    await addSnippet(owner, coreAi.url, bot.body.id, PARCEL_KNOWLEDGE);
    const channel = await owner.post<{ id: string; webhookPath: string }>('/api/v1/channels', {
      type: 'telegram',
      name: 'Acme on Telegram',
      botId: bot.body.id,
      credentials: { botToken: FAKE_TELEGRAM_BOT_TOKEN },
    });
    expect(channel.status).toBe(201);

    // Creating the channel registered its webhook: Telegram knows where to post, with which secret.
    expect(telegram.webhookOf()).toMatchObject({
      url: `${integration.url}${channel.body.webhookPath}`,
      secretToken: expect.stringMatching(/^whs_/),
    });

    const update = telegramUpdates.text(Math.floor(Date.now() / 1000), 'Where is my parcel?');
    const delivered = await telegram.deliver(update);
    expect(delivered.status).toBe(200);

    const [answer] = await eventually(() => {
      const texts = telegram.sentTexts(TELEGRAM_CUSTOMER.id);
      expect(texts).toHaveLength(1);
      return texts;
    }, 20_000);
    expect(answer).toContain('tracking link');
    const [question, reply] = await eventually(async () => {
      const rows = await messagesOfChannel(sequelize, channel.body.id);
      expect(rows.map((r) => r.status)).toEqual(['received', 'sent']);
      return rows;
    });
    expect(question).toMatchObject({
      seq: 1,
      text: 'Where is my parcel?',
      platform_message_id: String(update.update_id),
    });
    expect(reply).toMatchObject({
      seq: 2,
      direction: 'outbound',
      text: answer,
      platform_message_id: expect.stringMatching(new RegExp(`^${TELEGRAM_CUSTOMER.id}:\\d+$`)),
    });
    // The agents saw both, live: the customer's message (published by integration) and the delivery.
    await eventually(() => {
      expect(agent.created.map((m) => m.id)).toContain(question.id);
      expect(agent.statuses).toContainEqual(
        expect.objectContaining({ messageId: reply.id, status: 'sent' }),
      );
    });
  });

  it('sends a conversation’s queued messages in sequence order, splitting the long one, and waits out a 429', async () => {
    const channel = await seedChannel('telegram');
    const conversationId = await seedConversation(tenants, channel, String(TELEGRAM_CUSTOMER.id));
    const long = Array.from(
      { length: 40 },
      (_, i) => `Sentence ${i} of a long answer. ${'word '.repeat(40).trim()}.`,
    ).join(' ');
    const texts = ['one', 'two', long, 'four', 'five'];
    telegram.failNext({ method: 'sendMessage', errorCode: 429, retryAfter: 1, skip: 1 });
    const ids = await seedQueuedReplies(tenants, channel, conversationId, texts);
    const queuedAt = Date.now();
    // Jobs in reverse, all at once: several workers, and the order still comes from seq.
    await Promise.all(
      [...ids].reverse().map((id) => queueDelivery(channel, conversationId, id, 'telegram')),
    );

    const sent = await eventually(() => {
      const all = telegram.callsTo('sendMessage');
      expect(all[all.length - 1]?.body['text']).toBe('five');
      return all;
    }, 15_000);
    const succeeded = telegram.sentTexts().filter((_, i) => i !== 1); // the 2nd call got the 429
    expect(succeeded[0]).toBe('one');
    expect(succeeded[1]).toBe('two');
    expect(succeeded.length).toBeGreaterThan(5);
    expect(succeeded.slice(2, -2).every((part) => part.length <= 4096)).toBe(true);
    expect(succeeded.slice(2, -2).join(' ')).toBe(long);
    expect(succeeded.slice(-2)).toEqual(['four', 'five']);
    // "two" was retried no sooner than Telegram's retry_after said.
    expect(sent[2].receivedAt - sent[1].receivedAt).toBeGreaterThanOrEqual(950);
    expect(sent[2].receivedAt).toBeGreaterThan(queuedAt);
    const rows = await eventually(async () => {
      const all = await messagesOfChannel(sequelize, channel.channelId);
      expect(all.every((r) => r.status === 'sent')).toBe(true);
      return all;
    });
    expect(rows.find((r) => r.text === 'two')!.metadata).toMatchObject({
      delivery: { attempts: 2 },
    });
    expect(
      (rows.find((r) => r.text === long)!.metadata['platformMessageIds'] as string[]).length,
    ).toBeGreaterThan(1);
  });

  it('marks a message failed with the platform’s reason when the customer blocked the bot, and tells the agents', async () => {
    const channel = await seedChannel('telegram');
    const conversationId = await seedConversation(tenants, channel, String(TELEGRAM_CUSTOMER.id));
    telegram.failNext({ method: 'sendMessage', errorCode: 403 });
    const [blocked, after] = await seedQueuedReplies(tenants, channel, conversationId, [
      'lost',
      'still tried',
    ]);
    await queueDelivery(channel, conversationId, blocked, 'telegram');
    await queueDelivery(channel, conversationId, after, 'telegram');

    await eventually(() =>
      expect(agent.statuses).toContainEqual({
        conversationId,
        messageId: blocked,
        status: 'failed',
        reason: 'Forbidden: bot was blocked by the user',
        at: expect.any(String),
      }),
    );
    const rows = await eventually(async () => {
      const all = await messagesOfChannel(sequelize, channel.channelId);
      expect(all.map((r) => r.status)).toEqual(['failed', 'sent']);
      return all;
    });
    expect(rows[0]).toMatchObject({
      error: 'Forbidden: bot was blocked by the user',
      metadata: { delivery: { platformCode: '403' } },
    });
    expect(telegram.sentTexts()).toEqual(['lost', 'still tried']);
    // A human takes over the conversation the bot can no longer reach (no ticket app runs here).
    const requests = await handoffs.getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(requests.map((job) => job.data)).toContainEqual(
      expect.objectContaining({
        conversationId,
        reason: 'delivery_failed',
        messageId: blocked,
        note: 'Delivery failed: Forbidden: bot was blocked by the user',
      }),
    );
  });

  it('delivers on Viber and pushes its delivered and seen receipts to the dashboard', async () => {
    const channel = await seedChannel('viber');
    await fetch(`${integration.url}/v1/channels/${channel.channelId}/connect`, {
      method: 'POST',
      headers: serviceTokenHeaders(),
    });
    expect(viber.registeredWebhook).toBe(`${integration.url}/webhooks/viber/${channel.channelId}`);
    const conversationId = await seedConversation(tenants, channel, VIBER_CUSTOMER.id);
    const [reply] = await seedQueuedReplies(tenants, channel, conversationId, [
      'Your parcel left today.',
    ]);
    await queueDelivery(channel, conversationId, reply, 'viber');

    const [sent] = await eventually(async () => {
      const rows = await messagesOfChannel(sequelize, channel.channelId);
      expect(rows[0].status).toBe('sent');
      return rows;
    });
    expect(viber.callsTo('send_message')[0].body).toMatchObject({
      receiver: VIBER_CUSTOMER.id,
      type: 'text',
      text: 'Your parcel left today.',
    });
    await viber.deliver(viberCallbacks.delivered(sent.platform_message_id!));
    await viber.deliver(viberCallbacks.seen(sent.platform_message_id!));
    await eventually(() => {
      const mine = agent.statuses.filter((s) => s.messageId === reply).map((s) => s.status);
      expect(mine).toEqual(['sent', 'delivered', 'read']);
    });
  });

  it('applies a receipt that arrived before the send call returned, once the message is known', async () => {
    const channel = await seedChannel('viber');
    await fetch(`${integration.url}/v1/channels/${channel.channelId}/connect`, {
      method: 'POST',
      headers: serviceTokenHeaders(),
    });
    viber.deliverReceiptsBeforeReplying();
    const conversationId = await seedConversation(tenants, channel, VIBER_CUSTOMER.id);
    const [reply] = await seedQueuedReplies(tenants, channel, conversationId, ['Quick phone.']);
    await queueDelivery(channel, conversationId, reply, 'viber');

    await eventually(async () => {
      const [row] = await messagesOfChannel(sequelize, channel.channelId);
      expect(row.status).toBe('delivered');
    });
    await eventually(() =>
      expect(agent.statuses.filter((s) => s.messageId === reply).map((s) => s.status)).toEqual([
        'sent',
        'delivered',
      ]),
    );
  });
});
