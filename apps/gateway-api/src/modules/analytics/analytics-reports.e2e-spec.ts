import type { ClickHouseClient } from '@clickhouse/client';
import { getQueueToken } from '@nestjs/bull';
import type Bull from 'bull';
import { randomUUID } from 'node:crypto';
import { AnalyticsTables, NEGATIVE_SENTIMENT_BELOW, lexiconSentiment } from '@cxgenie/analytics';
import { CLICKHOUSE_CLIENT } from '@cxgenie/clickhouse';
import {
  type AnalyticsEventsJobData,
  type AnalyticsFact,
  ClientEvents,
  type MessagePayload,
  QueueNames,
  SocketNamespaces,
} from '@cxgenie/contracts';
import {
  type AgentClient,
  ApiClient,
  addSnippet,
  availabilityOf,
  connectAgent,
  connectSocket,
  eventually,
  type RecordingSocket,
  signInAsNewMember,
  startTicketStack,
  type TicketStack,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';
import { storedAnalyticsEvents } from '../../core-modules/analytics/analytics.test-helpers';

const GENERAL_RETURNS = {
  title: 'General returns',
  content: [
    'Returns. You can return shoes, boots and clothing within 30 days of delivery, unworn and in their original box.',
    'Start the return from the Orders page of your account and print the prepaid label. Drop the parcel at any post office.',
  ].join('\n\n'),
};
const KNOWN = 'How do I return boots?';
const UNKNOWN = 'Can I get a refund for an item that arrived damaged?';
/** How long the agent waits after the assignment before replying. */
const FIRST_RESPONSE_AFTER_MS = 300;
const WAIT_MS = 30_000;

interface Bot {
  id: string;
  publicKey: string;
}

/** Yesterday to the day after tomorrow (UTC dates): today in any zone, whatever the hour. */
const aroundToday = () => {
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return `from=${day(-1)}&to=${day(2)}`;
};

/**
 * The reports, from facts written through the real pipeline: widget → gateway (answers, agent
 * actions, ratings) → core-ai (answers, usage) → ticket app (handoff, assignment, availability),
 * all of them publishing on `analytics.events`, the gateway writing ClickHouse (embedded chdb).
 */
describe('analytics reports', () => {
  let stack: TicketStack;
  let owner: ApiClient;
  let member: ApiClient;
  let agent: AgentClient;
  let bot: Bot;
  let clickhouse: ClickHouseClient;
  let queue: Bull.Queue<AnalyticsEventsJobData>;
  const widgets: RecordingSocket[] = [];

  beforeAll(async () => {
    stack = await startTicketStack({
      inProcess: gatewayApiService,
      withCoreAi: true,
      // SLA targets of seconds are crossed within the test, and checked ten times a second: the
      // first check after a target's due time records the breach, and only this stack's writes
      // its fact here (SLA_CHECKS_AWAY keeps other suites' ticket apps from checking).
      ticketEnv: { SLA_CHECK_INTERVAL_MS: '100' },
    });
    const app = stack.gateway.app!;
    clickhouse = app.get<ClickHouseClient>(CLICKHOUSE_CLIENT);
    queue = app.get(getQueueToken(QueueNames.AnalyticsEvents));
    owner = await ApiClient.signUp(stack.gateway.url);
    member = await signInAsNewMember(stack.gateway, owner.session!.workspaceId, 'agent');
    agent = await connectAgent(stack.gateway.url, member);
    await availabilityOf(agent, 'online');
    const created = await owner.post<Bot>('/api/v1/bots', {
      name: 'Returns bot',
      typeReplyUnknown: 'NO_REPLY',
    });
    expect(created.status).toBe(201);
    bot = created.body;
    await addSnippet(owner, stack.coreAi!.url, bot.id, GENERAL_RETURNS);
  }, 240_000);

  afterAll(async () => {
    for (const widget of widgets) widget.socket.close();
    agent?.close();
    await stack?.close();
  });

  const openWidget = async (botKey: string) => {
    const session = await new ApiClient(stack.gateway.url).post<{
      sessionToken: string;
      customerId: string;
    }>('/api/v1/widget/sessions', { botKey });
    const widget = await connectSocket(stack.gateway.url, SocketNamespaces.Customer, {
      token: session.body.sessionToken,
    });
    widgets.push(widget);
    return { widget, token: session.body.sessionToken, customerId: session.body.customerId };
  };

  const say = async (widget: RecordingSocket, text: string): Promise<MessagePayload> => {
    const ack = (await widget.socket.emitWithAck(ClientEvents.SendMessage, { text })) as {
      ok: boolean;
      message: MessagePayload;
    };
    expect(ack.ok).toBe(true);
    return ack.message;
  };

  const report = async <T>(client: ApiClient, path: string): Promise<T> => {
    const res = await client.get<T>(`/api/v1/analytics/${path}`);
    expect([path, res.status]).toEqual([path, 200]);
    return res.body;
  };

  /** Waits until nothing is left to write: every fact published so far is in ClickHouse. */
  const factsWritten = () =>
    eventually(async () => {
      const counts = await queue.getJobCounts();
      expect(counts).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
    }, WAIT_MS);

  const publish = async (facts: AnalyticsFact[]) => {
    await queue.add({ events: facts, traceId: 'test' });
    await factsWritten();
  };

  describe('a conversation answered, one handed off, replied to, closed and rated', () => {
    let answeredConversation: string;
    let handedOffConversation: string;

    beforeAll(async () => {
      const first = await openWidget(bot.publicKey);
      answeredConversation = (await say(first.widget, KNOWN)).conversationId;
      await eventually(() => expect(first.widget.completed).toHaveLength(1), WAIT_MS);

      const second = await openWidget(bot.publicKey);
      const question = await say(second.widget, UNKNOWN);
      handedOffConversation = question.conversationId;
      // The ticket app opens the ticket and gives it to the only agent online.
      await eventually(
        () => expect(agent.assigned.map((a) => a.conversationId)).toContain(handedOffConversation),
        WAIT_MS,
      );
      // The agent takes a measurable moment to answer: the first response time is at least that.
      await new Promise((resolve) => setTimeout(resolve, FIRST_RESPONSE_AFTER_MS));
      const reply = await member.post(`/api/v1/conversations/${handedOffConversation}/messages`, {
        text: 'Sorry about that: we will refund you today.',
      });
      expect(reply.status).toBe(201);
      expect(
        (await member.post(`/api/v1/conversations/${handedOffConversation}/close`)).status,
      ).toBe(200);
      const rated = await new ApiClient(stack.gateway.url)
        .withBearer(second.token)
        .post('/api/v1/widget/csat', { conversationId: handedOffConversation, rating: 4 });
      expect([200, 201]).toContain(rated.status);
      // Every service's facts are in: the rating (gateway) is the last one published.
      await eventually(async () => {
        const csat = await report<{ ratings: number }>(owner, `csat?${aroundToday()}`);
        expect(csat.ratings).toBe(1);
      }, WAIT_MS);
      await factsWritten();
    }, 180_000);

    it('message volume: two customer messages, one bot answer, one agent reply', async () => {
      const volume = await report<{
        rows: {
          key: string;
          name: string;
          customerMessages: number;
          botMessages: number;
          agentMessages: number;
        }[];
      }>(owner, `messages?${aroundToday()}&bucket=day&groupBy=bot`);
      const sum = (field: 'customerMessages' | 'botMessages' | 'agentMessages') =>
        volume.rows.reduce((n, row) => n + row[field], 0);
      expect(new Set(volume.rows.map((r) => [r.key, r.name].join()))).toEqual(
        new Set([`${bot.id},Returns bot`]),
      );
      expect([sum('customerMessages'), sum('botMessages'), sum('agentMessages')]).toEqual([
        2, 1, 1,
      ]);

      const byChannel = await report<{ rows: { key: string; total: number }[] }>(
        owner,
        `messages?${aroundToday()}&bucket=hour&groupBy=channel`,
      );
      expect(byChannel.rows.every((r) => r.key === 'web')).toBe(true);
      expect(byChannel.rows.reduce((n, r) => n + r.total, 0)).toBe(4);
    });

    it('bot performance: half the questions answered, half handed off, the unanswered one listed', async () => {
      const { bots, topUnanswered } = await report<{
        bots: Record<string, unknown>[];
        topUnanswered: { question: string; times: number }[];
      }>(owner, `bots?${aroundToday()}`);
      expect(bots).toHaveLength(1);
      expect(bots[0]).toMatchObject({
        botId: bot.id,
        botName: 'Returns bot',
        customerMessages: 2,
        conversations: 2,
        questions: 2,
        answered: 1,
        answeredWithoutInformation: 0,
        unanswered: 1,
        handoffs: 1,
        answerRate: 0.5,
        handoffRate: 0.5,
      });
      expect(topUnanswered).toEqual([expect.objectContaining({ question: UNKNOWN, times: 1 })]);
    });

    it('agent performance: one ticket assigned, answered, resolved and rated 4', async () => {
      const { agents } = await report<{ agents: Record<string, unknown>[] }>(
        owner,
        `agents?${aroundToday()}`,
      );
      expect(agents).toEqual([
        expect.objectContaining({
          agentId: agent.userId,
          agentName: 'agent member',
          conversationsHandled: 1,
          ticketsAssigned: 1,
          messagesSent: 1,
          firstResponses: 1,
          ticketsResolved: 1,
          resolutionRate: 1,
          ratings: 1,
          averageCsat: 4,
        }),
      ]);
      const seconds = agents[0]!['averageFirstResponseSeconds'] as number;
      expect(seconds).toBeGreaterThanOrEqual(FIRST_RESPONSE_AFTER_MS / 1000);
      expect(seconds).toBeLessThan(180);
    });

    it('CSAT: the rating by its agent, and the distribution', async () => {
      const csat = await report<{
        rows: { agentId: string; ratings: number; average: number }[];
        distribution: Record<string, number>;
        average: number;
      }>(owner, `csat?${aroundToday()}&bucket=day`);
      expect(csat.rows.map((r) => [r.agentId, r.ratings, r.average])).toEqual([
        [agent.userId, 1, 4],
      ]);
      expect(csat.distribution).toEqual({ '1': 0, '2': 0, '3': 0, '4': 1, '5': 0 });
      expect(csat.average).toBe(4);
    });

    it('SLA: the first response and the resolution within their targets, nothing breached', async () => {
      const { rows } = await report<{ rows: Record<string, number | null>[] }>(
        owner,
        `sla?${aroundToday()}&bucket=month`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        firstResponses: 1,
        firstResponsesWithinTarget: 1,
        firstResponseRate: 1,
        resolved: 1,
        resolvedWithinTarget: 1,
        resolutionRate: 1,
        firstResponseBreaches: 0,
        resolutionBreaches: 0,
      });
    });

    it('sentiment: each conversation judged by its customer messages', async () => {
      const { rows } = await report<{
        rows: {
          botId: string;
          conversations: number;
          negativeConversations: number;
          messages: number;
        }[];
      }>(owner, `sentiment?${aroundToday()}&bucket=month`);
      const negative = [KNOWN, UNKNOWN].filter(
        (text) => lexiconSentiment(text) < NEGATIVE_SENTIMENT_BELOW,
      ).length;
      expect(negative).toBe(1);
      expect(
        rows.map((r) => [r.botId, r.conversations, r.negativeConversations, r.messages]),
      ).toEqual([[bot.id, 2, 1, 2]]);
    });

    it('the inbox filters on the same judgements', async () => {
      const inbox = async (sentiment: string) =>
        (
          await member.get<{ items: { id: string; sentiment: { label: string } }[] }>(
            `/api/v1/conversations?sentiment=${sentiment}`,
          )
        ).body.items.map((c) => [c.id, c.sentiment.label]);
      expect(await inbox('negative')).toEqual([[handedOffConversation, 'negative']]);
      expect(await inbox('neutral')).toEqual([[answeredConversation, 'neutral']]);
      expect(await inbox('positive')).toEqual([]);
    });

    it('availability: the agent has been online since connecting, and is counted up to now', async () => {
      const { rows } = await report<{ rows: { agentId: string; onlineSeconds: number }[] }>(
        owner,
        `availability?${aroundToday()}`,
      );
      const online = rows
        .filter((r) => r.agentId === agent.userId)
        .reduce((n, r) => n + r.onlineSeconds, 0);
      expect(online).toBeGreaterThan(0);
      expect(online).toBeLessThan(600);
    });

    it('cost: every answer and question embedding is usage, free on the local providers', async () => {
      const costs = await report<{
        totals: Record<string, number>;
        bots: { botId: string; llmCalls: number }[];
        customers: { count: number; top: unknown[] };
      }>(owner, `costs?${aroundToday()}`);
      expect(costs.totals).toMatchObject({ llmCalls: 2, embeddingCalls: 2, costUsd: 0 });
      expect(costs.bots.map((b) => [b.botId, b.llmCalls])).toEqual([[bot.id, 2]]);
      expect(costs.customers.count).toBe(2);
    });
  });

  describe('time zones', () => {
    /** A workspace in `timeZone`, with a bot, whose customer messages are published at `instants`. */
    const workspaceIn = async (timeZone: string, instants: string[]) => {
      const client = await ApiClient.signUp(stack.gateway.url);
      expect((await client.patch('/api/v1/workspace', { timezone: timeZone })).status).toBe(200);
      const created = await client.post<Bot>('/api/v1/bots', { name: `Bot in ${timeZone}` });
      await publish(
        instants.map((occurredAt) => ({
          type: 'message.received' as const,
          id: randomUUID(),
          workspaceId: client.session!.workspaceId,
          occurredAt,
          botId: created.body.id,
          channelType: 'web' as const,
          conversationId: randomUUID(),
          text: 'Hello',
        })),
      );
      return client;
    };

    const counts = async (client: ApiClient, query: string) =>
      (
        await report<{ rows: { bucket: string; customerMessages: number }[] }>(
          client,
          `messages?${query}`,
        )
      ).rows.map((r) => [r.bucket, r.customerMessages]);

    it("buckets by the workspace's hours and days, quarter-hour offsets included", async () => {
      // Kathmandu is UTC+5:45: 18:10Z is 23:55 on the 29th, 18:20Z is 00:05 on the 30th.
      const kathmandu = await workspaceIn('Asia/Kathmandu', [
        '2026-11-29T18:10:00Z',
        '2026-11-29T18:20:00Z',
      ]);
      expect(await counts(kathmandu, 'from=2026-11-29&to=2026-12-01&bucket=day')).toEqual([
        ['2026-11-29', 1],
        ['2026-11-30', 1],
      ]);
      expect(await counts(kathmandu, 'from=2026-11-29&to=2026-12-01&bucket=hour')).toEqual([
        ['2026-11-29T23:00:00', 1],
        ['2026-11-30T00:00:00', 1],
      ]);
      // The range is local time too: the 30th starts at 18:15Z here.
      expect(await counts(kathmandu, 'from=2026-11-30&to=2026-12-01&bucket=day')).toEqual([
        ['2026-11-30', 1],
      ]);
      // An agent online from 22:45 to 02:00 local: 75 minutes on the 29th, two hours on the 30th.
      const agentId = randomUUID();
      await publish([
        {
          type: 'agent.availability',
          id: randomUUID(),
          workspaceId: kathmandu.session!.workspaceId,
          occurredAt: '2026-11-29T20:15:00Z',
          agentId,
          availability: 'offline',
          previous: 'online',
          previousSince: '2026-11-29T17:00:00Z',
        },
      ]);
      const { rows } = await report<{ rows: Record<string, unknown>[] }>(
        kathmandu,
        'availability?from=2026-11-29&to=2026-12-01',
      );
      expect(rows).toEqual([
        { day: '2026-11-29', agentId, agentName: '', onlineSeconds: 4500, idleSeconds: 0 },
        { day: '2026-11-30', agentId, agentName: '', onlineSeconds: 7200, idleSeconds: 0 },
      ]);
    });

    it('counts both 01:30s of the night daylight saving time ends in the one local hour', async () => {
      // New York leaves DST at 06:00Z on 2026-11-01: 05:30Z and 06:30Z are both 01:30 local.
      const newYork = await workspaceIn('America/New_York', [
        '2026-11-01T05:30:00Z',
        '2026-11-01T06:30:00Z',
        '2026-11-01T07:30:00Z',
      ]);
      expect(await counts(newYork, 'from=2026-11-01&to=2026-11-02&bucket=hour')).toEqual([
        ['2026-11-01T01:00:00', 2],
        ['2026-11-01T02:00:00', 1],
      ]);
    });
  });

  describe('SLA breaches', () => {
    it('a ticket nobody answers breaches both targets once: two sla.breached facts, counted by the SLA report', async () => {
      const team = await ApiClient.signUp(stack.gateway.url);
      const policy = await team.put('/api/v1/sla-policies/normal', {
        firstResponseSeconds: 2,
        resolutionSeconds: 3,
      });
      expect(policy.status).toBe(200);
      const late = await team.post<Bot>('/api/v1/bots', {
        name: 'Late bot',
        typeReplyUnknown: 'NO_REPLY',
      });
      const { widget } = await openWidget(late.body.publicKey);
      const question = await say(widget, UNKNOWN);
      const workspaceId = team.session!.workspaceId;

      // The ticket app's check publishes the breaches; the gateway's writer stores them.
      const breaches = await eventually(async () => {
        const stored = (await storedAnalyticsEvents(stack.gateway.app!, workspaceId)).filter(
          (f) => f.type === 'sla.breached',
        );
        expect(stored.map((f) => f.data['outcome']).sort()).toEqual([
          'first_response',
          'resolution',
        ]);
        return stored;
      }, WAIT_MS);
      expect(breaches.map((f) => f.conversationId)).toEqual([
        question.conversationId,
        question.conversationId,
      ]);
      const ticketId = breaches[0]!.data['ticket_id'];
      expect(breaches.map((f) => f.eventId).sort()).toEqual([
        `${ticketId}:first_response`,
        `${ticketId}:resolution`,
      ]);
      expect(breaches.every((f) => f.data['reason'] === 'normal')).toBe(true);

      // Checks keep running: still one fact per target, and one breach of each in the report.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await factsWritten();
      const again = (await storedAnalyticsEvents(stack.gateway.app!, workspaceId)).filter(
        (f) => f.type === 'sla.breached',
      );
      expect(again).toHaveLength(2);
      const { rows } = await report<{
        rows: { firstResponseBreaches: number; resolutionBreaches: number }[];
      }>(team, `sla?${aroundToday()}`);
      const sum = (field: 'firstResponseBreaches' | 'resolutionBreaches') =>
        rows.reduce((n, r) => n + r[field], 0);
      expect([sum('firstResponseBreaches'), sum('resolutionBreaches')]).toEqual([1, 1]);
    }, 60_000);
  });

  describe('cost outliers', () => {
    it('lists the most expensive customers first, with the one 3 standard deviations above the mean marked', async () => {
      const team = await ApiClient.signUp(stack.gateway.url);
      const workspaceId = team.session!.workspaceId;
      const botId = randomUUID();
      const customers = Array.from({ length: 20 }, () => randomUUID());
      const whale = randomUUID();
      const usage = (customerId: string, promptTokens: number): AnalyticsFact => ({
        type: 'llm.usage',
        id: randomUUID(),
        workspaceId,
        occurredAt: new Date().toISOString(),
        botId,
        customerId,
        channelType: 'web',
        provider: 'openai',
        model: 'gpt-4o-mini',
        purpose: 'answer',
        promptTokens,
        completionTokens: 0,
        latencyMs: 100,
      });
      // gpt-4o-mini: $0.15 per million prompt tokens (the default price table).
      await publish([
        ...customers.map((c) => usage(c, 10_000)),
        usage(whale, 1_000_000),
        usage(whale, 1_000_000),
      ]);

      const costs = await report<{
        totals: { llmCalls: number; llmPromptTokens: number; costUsd: number };
        customers: {
          count: number;
          meanCostUsd: number;
          stddevCostUsd: number;
          top: { customerId: string; costUsd: number; zScore: number; outlier: boolean }[];
        };
      }>(team, `costs?${aroundToday()}&limit=3`);
      const perCustomer = [...customers.map(() => 0.0015), 0.3];
      const mean = perCustomer.reduce((a, b) => a + b, 0) / perCustomer.length;
      const stddev = Math.sqrt(
        perCustomer.reduce((a, b) => a + (b - mean) ** 2, 0) / perCustomer.length,
      );
      expect(costs.totals).toMatchObject({ llmCalls: 22, llmPromptTokens: 2_200_000 });
      expect(costs.totals.costUsd).toBeCloseTo(0.33, 6);
      expect(costs.customers.count).toBe(21);
      expect(costs.customers.meanCostUsd).toBeCloseTo(mean, 6);
      expect(costs.customers.stddevCostUsd).toBeCloseTo(stddev, 6);
      const cheapest = [...customers].sort().slice(0, 2);
      expect(costs.customers.top.map((c) => [c.customerId, c.outlier])).toEqual([
        [whale, true],
        [cheapest[0], false],
        [cheapest[1], false],
      ]);
      expect(costs.customers.top[0]!.costUsd).toBeCloseTo(0.3, 6);
      expect(costs.customers.top[0]!.zScore).toBeCloseTo((0.3 - mean) / stddev, 2);
      expect(costs.customers.top[1]!.zScore).toBeCloseTo((0.0015 - mean) / stddev, 2);
    });
  });

  describe('tenancy and access', () => {
    it('shows each workspace only its own facts, in every report', async () => {
      const other = await ApiClient.signUp(stack.gateway.url);
      const otherBot = await other.post<Bot>('/api/v1/bots', { name: 'Other bot' });
      const { widget } = await openWidget(otherBot.body.publicKey);
      await say(widget, 'Hello there, other workspace here');
      await eventually(async () => {
        const volume = await report<{ rows: { customerMessages: number }[] }>(
          other,
          `messages?${aroundToday()}`,
        );
        expect(volume.rows.reduce((n, r) => n + r.customerMessages, 0)).toBe(1);
      }, WAIT_MS);
      await factsWritten();
      const ours = [bot.id, agent.userId];
      const theirs = [otherBot.body.id];
      for (const path of [
        'messages',
        'bots',
        'sentiment',
        'agents',
        'csat',
        'availability',
        'sla',
        'costs',
        'ingestion',
      ]) {
        const otherView = JSON.stringify(await report(other, `${path}?${aroundToday()}`));
        const ownerView = JSON.stringify(await report(owner, `${path}?${aroundToday()}`));
        for (const id of ours) expect([path, otherView.includes(id)]).toEqual([path, false]);
        for (const id of theirs) expect([path, ownerView.includes(id)]).toEqual([path, false]);
      }
    });

    it('is for admins: an agent is refused', async () => {
      const res = await member.get(`/api/v1/analytics/messages?${aroundToday()}`);
      expect(res.status).toBe(403);
    });

    it('answers a bad range or bucket with a 400 naming the field', async () => {
      const cases: [string, string, string][] = [
        ['messages?to=2026-12-01', 'from', expect.any(String) as unknown as string],
        [
          'messages?from=2026-02-30&to=2026-03-02',
          'from',
          'must be a date (YYYY-MM-DD) or a local date and time (YYYY-MM-DDThh:mm)',
        ],
        ['agents?from=2026-12-01&to=2026-11-01', 'to', 'must be after from'],
        ['messages?from=2025-01-01&to=2026-03-01', 'to', 'must be at most 13 months after from'],
        [
          'csat?from=2026-11-01&to=2026-12-01&bucket=hour',
          'bucket',
          'must be one of day, week, month for this report',
        ],
        [
          'messages?from=2026-11-01&to=2026-12-01&bucket=year',
          'bucket',
          expect.stringContaining('must be one of') as unknown as string,
        ],
        [
          'ingestion?from=2026-11-01&to=2026-12-01&bucket=hour',
          'bucket',
          'must be one of day, week, month for this report',
        ],
        [
          'costs?from=2026-11-01&to=2026-12-01&limit=0',
          'limit',
          expect.any(String) as unknown as string,
        ],
      ];
      for (const [path, field, message] of cases) {
        const res = await owner.get<{ details: { field: string; message: string }[] }>(
          `/api/v1/analytics/${path}`,
        );
        expect([path, res.status]).toEqual([path, 400]);
        expect(res.body.details).toEqual(expect.arrayContaining([{ field, message }]));
      }
    });
  });

  describe('the materialized views', () => {
    const rowsOf = async (query: string) =>
      (await (await clickhouse.query({ query, format: 'JSONEachRow' })).json()) as Record<
        string,
        unknown
      >[];

    it('split an availability interval across the days it covers', async () => {
      // A workspace the writer knows nothing of: its facts are still written, in UTC.
      const workspaceId = randomUUID();
      const agentId = randomUUID();
      await publish([
        {
          type: 'agent.availability',
          id: randomUUID(),
          workspaceId,
          occurredAt: '2026-11-29T02:00:00Z',
          agentId,
          availability: 'idle',
          previous: 'online',
          previousSince: '2026-11-28T22:00:00Z',
        },
        {
          type: 'llm.usage',
          id: randomUUID(),
          workspaceId,
          occurredAt: '2026-11-29T02:00:00Z',
          botId: randomUUID(),
          customerId: randomUUID(),
          provider: 'openai',
          model: 'gpt-4o-mini-2024-07-18',
          purpose: 'answer',
          promptTokens: 1_000_000,
          completionTokens: 1_000_000,
          latencyMs: 800,
        },
      ]);
      expect(
        await rowsOf(
          `SELECT toString(day) AS day, availability, sumMerge(time_seconds) AS s
             FROM ${AnalyticsTables.AvailabilityDaily} WHERE workspace_id = '${workspaceId}'
            GROUP BY day, availability ORDER BY day`,
        ),
      ).toEqual([
        { day: '2026-11-28', availability: 'online', s: 7200 },
        { day: '2026-11-29', availability: 'online', s: 7200 },
      ]);
      // Priced by the table: 1 M prompt tokens at $0.15, 1 M completion tokens at $0.60.
      expect(
        await rowsOf(
          `SELECT round(sumMerge(cost), 6) AS cost FROM ${AnalyticsTables.CostDaily}
            WHERE workspace_id = '${workspaceId}'`,
        ),
      ).toEqual([{ cost: 0.75 }]);
    });

    it('agree with the same questions asked of the raw facts', async () => {
      await factsWritten();
      const pairs: [string, string][] = [
        [
          `SELECT workspace_id, hour, bot_id, toUInt32(sumMerge(customer_messages)) AS c,
                  toUInt32(sumMerge(bot_messages)) AS b, toUInt32(sumMerge(agent_messages)) AS a,
                  toUInt32(sumMerge(unanswered)) AS u, toUInt32(sumMerge(handoffs)) AS h,
                  toUInt32(sumMerge(negative_messages)) AS n
             FROM ${AnalyticsTables.BotHourly} GROUP BY workspace_id, hour, bot_id ORDER BY ALL`,
          `SELECT workspace_id, toStartOfHour(local_time) AS hour, bot_id,
                  toUInt32(countIf(type = 'message.received')) AS c,
                  toUInt32(countIf(type = 'message.answered')) AS b,
                  toUInt32(countIf(type = 'message.sent')) AS a,
                  toUInt32(countIf(type = 'message.unanswered')) AS u,
                  toUInt32(countIf(type = 'handoff.requested')) AS h,
                  toUInt32(countIf(type = 'message.received' AND sentiment < ${NEGATIVE_SENTIMENT_BELOW})) AS n
             FROM ${AnalyticsTables.Facts} FINAL
            WHERE type IN ('message.received', 'message.answered', 'message.sent', 'message.unanswered', 'handoff.requested')
            GROUP BY workspace_id, hour, bot_id ORDER BY ALL`,
        ],
        [
          `SELECT workspace_id, day, agent_id, toUInt32(sumMerge(assigned)) AS assigned,
                  toUInt32(sumMerge(first_responses)) AS fr, round(sumMerge(first_response_seconds), 3) AS frs,
                  toUInt32(sumMerge(resolved)) AS resolved, toUInt32(sumMerge(rating_sum)) AS rs
             FROM ${AnalyticsTables.AgentDaily} GROUP BY workspace_id, day, agent_id ORDER BY ALL`,
          `SELECT workspace_id, toDate(local_time) AS day, agent_id,
                  toUInt32(countIf(type = 'ticket.assigned')) AS assigned,
                  toUInt32(countIf(type = 'ticket.first_response')) AS fr,
                  round(sumIf(seconds, type = 'ticket.first_response'), 3) AS frs,
                  toUInt32(countIf(type = 'ticket.resolved')) AS resolved,
                  toUInt32(sumIf(rating, type = 'csat.submitted')) AS rs
             FROM ${AnalyticsTables.Facts} FINAL
            WHERE type IN ('ticket.assigned', 'message.sent', 'ticket.first_response', 'ticket.resolved', 'csat.submitted')
            GROUP BY workspace_id, day, agent_id ORDER BY ALL`,
        ],
        [
          `SELECT workspace_id, day, agent_id, bot_id, toUInt32(sumMerge(ratings)) AS n,
                  toUInt32(sumMerge(rated_4)) AS fours
             FROM ${AnalyticsTables.CsatDaily} GROUP BY workspace_id, day, agent_id, bot_id ORDER BY ALL`,
          `SELECT workspace_id, toDate(local_time) AS day, agent_id, bot_id, toUInt32(count()) AS n,
                  toUInt32(countIf(rating = 4)) AS fours
             FROM ${AnalyticsTables.Facts} FINAL WHERE type = 'csat.submitted'
            GROUP BY workspace_id, day, agent_id, bot_id ORDER BY ALL`,
        ],
        [
          `SELECT workspace_id, agent_id, availability, round(sumMerge(time_seconds), 3) AS s
             FROM ${AnalyticsTables.AvailabilityDaily} GROUP BY workspace_id, agent_id, availability ORDER BY ALL`,
          `SELECT workspace_id, agent_id, previous_status AS availability,
                  round(sum(toFloat64(toUInt32(round(seconds)))), 3) AS s
             FROM ${AnalyticsTables.Facts} FINAL WHERE type = 'agent.availability' AND seconds >= 1
            GROUP BY workspace_id, agent_id, availability ORDER BY ALL`,
        ],
        [
          `SELECT workspace_id, day, bot_id, customer_id, kind, toUInt32(sumMerge(calls)) AS calls,
                  toUInt64(sumMerge(tokens_in)) AS t, round(sumMerge(cost), 9) AS cost
             FROM ${AnalyticsTables.CostDaily} GROUP BY workspace_id, day, bot_id, customer_id, kind ORDER BY ALL`,
          `SELECT workspace_id, toDate(local_time) AS day, bot_id, customer_id,
                  if(type = 'llm.usage', 'llm', 'embedding') AS kind, toUInt32(count()) AS calls,
                  toUInt64(sum(prompt_tokens)) AS t, round(sum(cost_usd), 9) AS cost
             FROM ${AnalyticsTables.Facts} FINAL WHERE type IN ('llm.usage', 'embedding.usage')
            GROUP BY workspace_id, day, bot_id, customer_id, kind ORDER BY ALL`,
        ],
      ];
      for (const [view, raw] of pairs) {
        const fromView = await rowsOf(view);
        expect(fromView.length).toBeGreaterThan(0);
        expect(fromView).toEqual(await rowsOf(raw));
      }
    });
  });
});
