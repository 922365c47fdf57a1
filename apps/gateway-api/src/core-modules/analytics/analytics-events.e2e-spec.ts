import type { ClickHouseClient } from '@clickhouse/client';
import { getQueueToken } from '@nestjs/bull';
import type Bull from 'bull';
import { randomBytes, randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { AnalyticsTables } from '@cxgenie/analytics';
import { CLICKHOUSE_CLIENT } from '@cxgenie/clickhouse';
import { TenantConnections } from '@cxgenie/database';
import {
  type AnalyticsEventsJobData,
  type FactOf,
  type LegacyAnalyticsEvent,
  QueueNames,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  bootService,
  eventually,
  type SpawnedService,
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';
import { storedAnalyticsEvents } from './analytics.test-helpers';

const WAIT_MS = 20_000;

describe('analytics facts, from the pipeline to ClickHouse', () => {
  const queuePrefix = `test-${randomBytes(4).toString('hex')}`;
  let coreAi: SpawnedService;
  let gateway: BootedService;
  let queue: Bull.Queue<AnalyticsEventsJobData | LegacyAnalyticsEvent>;
  let clickhouse: ClickHouseClient;
  const workspaceId = randomUUID();

  const fact = (n: number): FactOf<'message.answered'> => ({
    type: 'message.answered',
    id: `reply-${n}`,
    workspaceId,
    conversationId: `conversation-${n}`,
    messageId: `reply-${n}`,
    occurredAt: new Date(Date.UTC(2026, 10, 29, 12, 0, n)).toISOString(),
    traceId: `trace-${n}`,
    replyToMessageId: `question-${n}`,
    outcome: 'answered',
    haveEnoughInformation: true,
    provider: 'local',
    model: 'extractive',
    waitedMs: 10 * n,
    chars: 100 + n,
  });

  const idle = () =>
    eventually(async () => {
      const counts = await queue.getJobCounts();
      expect(counts).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    }, WAIT_MS);

  /** Bot messages of the workspace as the hourly view counts them. */
  const botMessagesInView = async (): Promise<number> => {
    const result = await clickhouse.query({
      query: `SELECT toUInt32(sumMerge(bot_messages)) AS n FROM ${AnalyticsTables.BotHourly}
               WHERE workspace_id = {workspaceId:String}`,
      query_params: { workspaceId },
      format: 'JSONEachRow',
    });
    return Number(((await result.json()) as { n: number }[])[0]?.n ?? 0);
  };

  beforeAll(async () => {
    coreAi = await spawnService('core-ai', {
      LOCAL_LLM_TOKEN_DELAY_MS: '0',
      QUEUE_PREFIX: queuePrefix,
    });
    gateway = await bootService(gatewayApiService, {
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      QUEUE_PREFIX: queuePrefix,
    });
    // The gateway's own queue: its jobs carry the retry options the gateway's producers use.
    queue = gateway.app.get(getQueueToken(QueueNames.AnalyticsEvents));
    clickhouse = gateway.app.get<ClickHouseClient>(CLICKHOUSE_CLIENT);
  });

  afterAll(async () => {
    await gateway?.close();
    await coreAi?.close();
  });

  it('stores the customer message and its answer, with names and sentiment, and the queue is left empty', async () => {
    const owner = await ApiClient.signUp(gateway.url);
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: 'Analytics bot',
    });
    const session = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey: bot.body.publicKey },
    );
    const widget = new ApiClient(gateway.url).withBearer(session.body.sessionToken);
    const sent = await widget.post<{ id: string; conversationId: string }>(
      '/api/v1/widget/messages',
      { text: 'This is terrible, my parcel is lost. Do you ship to Norway?' },
    );
    expect(sent.status).toBe(202);

    const stored = await eventually(async () => {
      const facts = await storedAnalyticsEvents(gateway.app, owner.session!.workspaceId);
      // core-ai's usage facts: the answer, and the question's embedding.
      expect(facts.map((e) => e.type).sort()).toEqual([
        'embedding.usage',
        'llm.usage',
        'message.answered',
        'message.received',
      ]);
      return facts;
    }, WAIT_MS);
    const received = stored.find((e) => e.type === 'message.received');
    const answered = stored.find((e) => e.type === 'message.answered');
    expect(stored.find((e) => e.type === 'llm.usage')).toMatchObject({
      conversationId: sent.body.conversationId,
      messageId: sent.body.id,
      data: { provider: 'local', reason: 'answer', bot_id: bot.body.id },
    });
    expect(received).toMatchObject({
      eventId: sent.body.id,
      messageId: sent.body.id,
      conversationId: sent.body.conversationId,
      data: {
        sender: 'customer',
        bot_id: bot.body.id,
        bot_name: 'Analytics bot',
        channel_type: 'web',
        sentiment_source: 'lexicon',
      },
    });
    expect(received!.data['sentiment']).toBeLessThan(-0.2);
    expect(answered).toMatchObject({
      conversationId: sent.body.conversationId,
      data: {
        reply_to_id: sent.body.id,
        bot_id: bot.body.id,
        bot_name: 'Analytics bot',
        outcome: expect.stringMatching(/^(answered|generated|fallback)$/),
        provider: 'local',
      },
    });
    expect(answered!.messageId).not.toBe(sent.body.id);
    expect(answered!.traceId).toMatch(/^[0-9a-f]{32}$/);
    // The judgement is on the message too, and its conversation's mean, for the inbox.
    const scope = await gateway.app.get(TenantConnections).scope(owner.session!.workspaceId);
    const [conversation] = await scope.sequelize.query<{
      sentiment_score: number;
      sentiment_messages: number;
    }>('SELECT sentiment_score, sentiment_messages FROM conversations WHERE id = :id', {
      replacements: { id: sent.body.conversationId },
      type: QueryTypes.SELECT,
    });
    expect(conversation!.sentiment_messages).toBe(1);
    expect(conversation!.sentiment_score).toBeCloseTo(Number(received!.data['sentiment']), 3);
    // Business metrics, counted as the facts were stored.
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/^cxgenie_messages_total\{channel="web",sender="customer"\} 1$/m);
    expect(metrics).toMatch(/^cxgenie_messages_total\{channel="web",sender="bot"\} 1$/m);
    expect(metrics).toMatch(
      /^cxgenie_answers_total\{outcome="(answered|generated|fallback)"\} 1$/m,
    );
    expect(metrics).toMatch(
      /^cxgenie_llm_tokens_total\{provider="local",model="[^"]+",kind="prompt"\} 0$/m,
    );
    await idle();
  });

  it('writes the facts of jobs arriving together in one insert; a fact delivered twice, once', async () => {
    await idle();
    const retried = { events: [fact(3)], traceId: 'batch-b' };
    const legacy: LegacyAnalyticsEvent = {
      type: 'csat.submitted',
      workspaceId,
      conversationId: 'conversation-4',
      messageId: 'message-4',
      occurredAt: new Date(Date.UTC(2026, 10, 29, 12, 0, 4)).toISOString(),
      data: { rating: 5, ratingId: 'rating-4' },
      traceId: 'trace-4',
    };
    await queue.addBulk([
      { data: { events: [fact(1), fact(2)], traceId: 'batch-a' } },
      { data: retried },
      { data: retried },
      // A job of the time before batches: one untyped fact, not a list.
      { data: legacy },
    ]);
    await idle();

    const stored = await storedAnalyticsEvents(gateway.app, workspaceId);
    expect(stored.map((e) => [e.type, e.eventId, e.occurredAt, e.traceId])).toEqual([
      ['message.answered', 'reply-1', '2026-11-29 12:00:01.000', 'trace-1'],
      ['message.answered', 'reply-2', '2026-11-29 12:00:02.000', 'trace-2'],
      ['message.answered', 'reply-3', '2026-11-29 12:00:03.000', 'trace-3'],
      ['csat.submitted', 'rating-4', '2026-11-29 12:00:04.000', 'trace-4'],
    ]);
    expect(stored[3]!.data).toMatchObject({ rating: 5 });
    const inserts = await clickhouse.query({
      query: `SELECT toUInt32(uniqExact(inserted_at)) AS n, toUInt32(count()) AS rows
                FROM ${AnalyticsTables.Facts} WHERE workspace_id = {workspaceId:String}`,
      query_params: { workspaceId },
      format: 'JSONEachRow',
    });
    // Four jobs within a second: one insert (one insertion time), not four; and the fact sent
    // twice is one row even before merges, so the views saw it once.
    expect(await inserts.json()).toEqual([{ n: 1, rows: 4 }]);
    expect(await botMessagesInView()).toBe(3);

    // Recorded again later (a pipeline step retried): still once.
    await queue.add({ events: [fact(2)], traceId: 'batch-c' });
    await idle();
    expect(await botMessagesInView()).toBe(3);
  });

  it('keeps a fact whose insert failed and writes it on the retry', async () => {
    const failed: string[] = [];
    // The gateway in this process is the worker: its queue reports the failed attempt.
    queue.on('failed', (failedJob: Bull.Job) => failed.push(String(failedJob.id)));
    // ClickHouse cannot take the insert for a while…
    await clickhouse.command({ query: `DETACH TABLE ${AnalyticsTables.Facts}` });
    const job = await queue.add({ events: [fact(5)], traceId: 'batch-d' });
    try {
      await eventually(() => expect(failed).toContain(String(job.id)), WAIT_MS);
    } finally {
      await clickhouse.command({ query: `ATTACH TABLE ${AnalyticsTables.Facts}` });
    }
    // …and Bull's retry stores it: the fact was not lost.
    await eventually(async () => {
      expect(
        (await storedAnalyticsEvents(gateway.app, workspaceId)).map((e) => e.eventId),
      ).toContain('reply-5');
    }, WAIT_MS);
    expect(await botMessagesInView()).toBe(4);
  });
});
