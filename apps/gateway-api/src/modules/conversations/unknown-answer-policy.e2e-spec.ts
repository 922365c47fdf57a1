import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import Bull from 'bull';
import {
  type BotNotEnoughDataEvent,
  ClientEvents,
  type MessagePayload,
  QueueNames,
  type ReplyUnknownPolicy,
  type SearchResponse,
  SocketNamespaces,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  bootService,
  connectSocket,
  eventually,
  serviceTokenHeaders,
  type RecordingSocket,
  type SpawnedService,
  spawnService,
  TEST_REDIS_URL,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';
import { storedAnalyticsEvents } from '../../core-modules/analytics/analytics.test-helpers';

const RETURNS_POLICY = [
  'Returns policy. Unused items can be returned within 30 days of delivery for a full refund.',
  'Start a return from the Orders page of your account and print the prepaid shipping label.',
  'Refunds reach the original payment method within 5 business days after the parcel arrives at our warehouse.',
].join('\n\n');

const FALLBACK = 'Let me check that with a teammate and come back to you.';

/**
 * The unknown-answer policy through the whole pipeline: widget → gateway worker → core-ai
 * retrieval and local answer → what the customer sees, and what the agents are told.
 */
describe('unknown-answer policy, end to end through the pipeline', () => {
  const queuePrefix = `test-${randomBytes(4).toString('hex')}`;
  let coreAi: SpawnedService;
  let gateway: BootedService;
  let owner: ApiClient;
  let agent: RecordingSocket;
  let notEnoughDataQueue: Bull.Queue<BotNotEnoughDataEvent>;

  beforeAll(async () => {
    // One queue prefix: the gateway's knowledge.index jobs must reach this core-ai.
    coreAi = await spawnService('core-ai', {
      LOCAL_LLM_TOKEN_DELAY_MS: '0',
      QUEUE_PREFIX: queuePrefix,
    });
    gateway = await bootService(gatewayApiService, {
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      QUEUE_PREFIX: queuePrefix,
    });
    owner = await ApiClient.signUp(gateway.url);
    agent = await connectSocket(gateway.url, SocketNamespaces.Agent, {
      token: owner.session!.accessToken,
    });
    notEnoughDataQueue = new Bull(QueueNames.BotNotEnoughData, TEST_REDIS_URL, {
      prefix: queuePrefix,
    });
  });

  afterAll(async () => {
    agent.socket.close();
    await notEnoughDataQueue.close();
    await gateway.close();
    await coreAi.close();
  });

  /** A bot whose knowledge is one returns-policy snippet, searchable before the test goes on. */
  const botWithKnowledge = async (typeReplyUnknown: ReplyUnknownPolicy) => {
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: `Policy ${typeReplyUnknown}`,
      typeReplyUnknown,
      fallbackMessage: FALLBACK,
    });
    expect(bot.status).toBe(201);
    const snippet = await owner.post(`/api/v1/bots/${bot.body.id}/snippets`, {
      title: 'Returns policy',
      content: RETURNS_POLICY,
    });
    expect(snippet.status).toBe(201);
    await eventually(async () => {
      const res = await fetch(`${coreAi.url}/v1/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...serviceTokenHeaders() },
        body: JSON.stringify({
          workspaceId: owner.session!.workspaceId,
          botId: bot.body.id,
          query: 'return',
        }),
      });
      expect(((await res.json()) as SearchResponse).chunks.length).toBeGreaterThan(0);
    }, 15_000);
    return bot.body;
  };

  const ask = async (botKey: string, text: string) => {
    const visitor = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey },
    );
    const widget = await connectSocket(gateway.url, SocketNamespaces.Customer, {
      token: visitor.body.sessionToken,
    });
    const ack = (await (widget.socket as Socket).emitWithAck(ClientEvents.SendMessage, {
      text,
    })) as { ok: boolean; message: MessagePayload };
    expect(ack.ok).toBe(true);
    return { widget, question: ack.message };
  };

  /** The conversation's facts of the bot's work, once `count` of them reached ClickHouse. */
  const factsOf = (conversationId: string, count: number) =>
    eventually(async () => {
      const facts = (await storedAnalyticsEvents(gateway.app, owner.session!.workspaceId)).filter(
        (f) =>
          f.conversationId === conversationId &&
          ['message.answered', 'message.unanswered'].includes(f.type),
      );
      expect(facts).toHaveLength(count);
      return facts;
    }, 15_000);

  const eventFor = (messageId: string) =>
    eventually(() => {
      const event = agent.notEnoughData.find((e) => e.messageId === messageId);
      expect(event).toBeDefined();
      return event!;
    }, 15_000);

  it('answers a question the knowledge covers, citing it, and tells nobody', async () => {
    const bot = await botWithKnowledge('NO_REPLY');
    const { widget, question } = await ask(
      bot.publicKey,
      'How many days do I have to return unused items for a refund?',
    );
    try {
      const reply = await eventually(() => {
        expect(widget.completed).toHaveLength(1);
        return widget.completed[0]!;
      }, 15_000);
      expect(reply.replyToMessageId).toBe(question.id);
      expect(reply.text).toContain('30 days');
      const chunks = widget.chunks.filter((c) => c.messageId === reply.id);
      expect(chunks.map((c) => c.text).join('')).toBe(reply.text);
      expect(agent.notEnoughData.some((e) => e.messageId === question.id)).toBe(false);
    } finally {
      widget.socket.close();
    }
  });

  it('NO_REPLY: the customer gets nothing, the agents get the question, attempt and sources', async () => {
    const bot = await botWithKnowledge('NO_REPLY');
    const { widget, question } = await ask(
      bot.publicKey,
      'Can I pay for my order with cryptocurrency like bitcoin?',
    );
    try {
      const event = await eventFor(question.id);
      expect(event).toMatchObject({
        type: 'BOT_NOT_ENOUGH_DATA',
        botId: bot.id,
        conversationId: question.conversationId,
        question: 'Can I pay for my order with cryptocurrency like bitcoin?',
        policy: 'NO_REPLY',
      });
      expect(event.customerId).toMatch(/^[0-9a-f-]{36}$/);
      expect(event.sources.length).toBeGreaterThan(0);
      expect(event.sources[0]).toMatchObject({ partition: 'snippets', title: 'Returns policy' });
      expect(typeof event.attemptedAnswer).toBe('string');
      // Durable too, for the handoff work: exactly one job for the message.
      const jobs = await notEnoughDataQueue.getJobs(['waiting', 'delayed', 'active']);
      expect(jobs.filter((j) => j.data.messageId === question.id)).toHaveLength(1);
      // Analytics count it as unanswered.
      const [fact] = await factsOf(question.conversationId, 1);
      expect(fact).toMatchObject({
        type: 'message.unanswered',
        messageId: question.id,
        data: { bot_id: bot.id, outcome: 'silent', text: question.text },
      });
      expect(fact!.data['enough_information']).toBeUndefined();
      // Silent: no chunk, no reply, and the next message is still answered (the fence moved on).
      const next = await ask(bot.publicKey, 'How long do refunds take to arrive?');
      try {
        await eventually(() => expect(next.widget.completed).toHaveLength(1), 15_000);
        expect(widget.chunks).toEqual([]);
        expect(widget.completed).toEqual([]);
      } finally {
        next.widget.socket.close();
      }
    } finally {
      widget.socket.close();
    }
  });

  it('INPUT_ANSWER: the customer gets the fallback message, never the unsure answer', async () => {
    const bot = await botWithKnowledge('INPUT_ANSWER');
    const { widget, question } = await ask(bot.publicKey, 'Do you ship to Antarctica by drone?');
    try {
      const reply = await eventually(() => {
        expect(widget.completed).toHaveLength(1);
        return widget.completed[0]!;
      }, 15_000);
      expect(reply.text).toBe(FALLBACK);
      expect(widget.chunks.map((c) => c.text).join('')).toBe(FALLBACK);
      const [fact] = await factsOf(question.conversationId, 1);
      expect(fact).toMatchObject({
        type: 'message.answered',
        messageId: reply.id,
        data: {
          reply_to_id: question.id,
          bot_id: bot.id,
          outcome: 'fallback',
          sender: 'bot',
          // Not known enough: the question is kept for the "top unanswered" report.
          text: question.text,
        },
      });
      expect(fact!.data['enough_information']).toBeUndefined();
      const event = await eventFor(question.id);
      expect(event.policy).toBe('INPUT_ANSWER');
      expect(event.attemptedAnswer).not.toBe(FALLBACK);
    } finally {
      widget.socket.close();
    }
  });

  it('AI_GENERATE: the customer gets the attempted answer anyway, and the agents know', async () => {
    const bot = await botWithKnowledge('AI_GENERATE');
    const { widget, question } = await ask(bot.publicKey, 'Do you ship to Antarctica by drone?');
    try {
      const reply = await eventually(() => {
        expect(widget.completed).toHaveLength(1);
        return widget.completed[0]!;
      }, 15_000);
      const event = await eventFor(question.id);
      expect(event.policy).toBe('AI_GENERATE');
      expect(reply.text).toBe(event.attemptedAnswer);
      expect(reply.text.length).toBeGreaterThan(0);
    } finally {
      widget.socket.close();
    }
  });
});
