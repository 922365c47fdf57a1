import type { ClickHouseClient } from '@clickhouse/client';
import { getQueueToken } from '@nestjs/bull';
import type Bull from 'bull';
import { randomBytes, randomUUID } from 'node:crypto';
import { CLICKHOUSE_CLIENT } from '@cxgenie/clickhouse';
import {
  type AnalyticsEvent,
  type AnalyticsEventsJobData,
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
import { ANALYTICS_EVENTS_TABLE } from './analytics-events.table';

const WAIT_MS = 20_000;

describe('analytics facts, from the pipeline to ClickHouse', () => {
  const queuePrefix = `test-${randomBytes(4).toString('hex')}`;
  let coreAi: SpawnedService;
  let gateway: BootedService;
  let queue: Bull.Queue<AnalyticsEventsJobData | AnalyticsEvent>;
  let clickhouse: ClickHouseClient;
  const workspaceId = randomUUID();

  const fact = (n: number, extra: Partial<AnalyticsEvent> = {}): AnalyticsEvent => ({
    type: 'message.answered',
    workspaceId,
    conversationId: `conversation-${n}`,
    messageId: `message-${n}`,
    occurredAt: new Date(Date.UTC(2026, 10, 29, 12, 0, n)).toISOString(),
    data: { n },
    traceId: `trace-${n}`,
    ...extra,
  });

  const idle = () =>
    eventually(async () => {
      const counts = await queue.getJobCounts();
      expect(counts).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    }, WAIT_MS);

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

  it('stores the answer of a customer message, and the queue is left empty', async () => {
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
      { text: 'Do you ship to Norway?' },
    );
    expect(sent.status).toBe(202);

    const [answered] = await eventually(async () => {
      const stored = await storedAnalyticsEvents(gateway.app, owner.session!.workspaceId);
      expect(stored.map((e) => e.type)).toEqual(['message.answered']);
      return stored;
    }, WAIT_MS);
    expect(answered).toMatchObject({
      conversationId: sent.body.conversationId,
      data: {
        replyToMessageId: sent.body.id,
        botId: bot.body.id,
        outcome: expect.stringMatching(/^(answered|generated|fallback)$/),
        provider: 'local',
      },
    });
    expect(answered.messageId).not.toBe(sent.body.id);
    expect(answered.traceId).toMatch(/^[0-9a-f]{32}$/);
    await idle();
  });

  it('writes the facts of jobs arriving together in one insert, a retried job once', async () => {
    await idle();
    const retried = { events: [fact(3)], traceId: 'batch-b' };
    await queue.addBulk([
      { data: { events: [fact(1), fact(2)], traceId: 'batch-a' } },
      { data: retried },
      { data: retried },
      // A job of the time before batches: one fact, not a list.
      { data: fact(4, { type: 'csat.submitted', data: { rating: 5 } }) },
    ]);
    await idle();

    const stored = await storedAnalyticsEvents(gateway.app, workspaceId);
    expect(stored.map((e) => [e.type, e.messageId, e.occurredAt, e.data, e.traceId])).toEqual([
      ['message.answered', 'message-1', '2026-11-29 12:00:01.000', { n: 1 }, 'trace-1'],
      ['message.answered', 'message-2', '2026-11-29 12:00:02.000', { n: 2 }, 'trace-2'],
      ['message.answered', 'message-3', '2026-11-29 12:00:03.000', { n: 3 }, 'trace-3'],
      ['csat.submitted', 'message-4', '2026-11-29 12:00:04.000', { rating: 5 }, 'trace-4'],
    ]);
    const inserts = await clickhouse.query({
      query: `SELECT toUInt32(uniqExact(inserted_at)) AS n FROM ${ANALYTICS_EVENTS_TABLE}
               WHERE workspace_id = {workspaceId:String}`,
      query_params: { workspaceId },
      format: 'JSONEachRow',
    });
    // Four jobs within a second: one insert (one insertion time), not four.
    expect(await inserts.json()).toEqual([{ n: 1 }]);
  });

  it('keeps a fact whose insert failed and writes it on the retry', async () => {
    // The writer has created its table…
    await queue.add({ events: [fact(0)], traceId: 'batch-0' });
    await idle();
    const failed: string[] = [];
    // The gateway in this process is the worker: its queue reports the failed attempt.
    queue.on('failed', (failedJob: Bull.Job) => failed.push(String(failedJob.id)));
    // …which is gone when the next insert comes.
    await clickhouse.command({ query: `DROP TABLE ${ANALYTICS_EVENTS_TABLE}` });
    const job = await queue.add({ events: [fact(5)], traceId: 'batch-c' });
    await eventually(async () => {
      expect(
        (await storedAnalyticsEvents(gateway.app, workspaceId)).map((e) => e.messageId),
      ).toEqual(['message-5']);
    }, WAIT_MS);
    // The first attempt found no table; Bull retried the job and the fact was not lost.
    expect(failed).toContain(String(job.id));
  });
});
