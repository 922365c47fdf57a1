import type { ClickHouseClient } from '@clickhouse/client';
import { getQueueToken } from '@nestjs/bull';
import type Bull from 'bull';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { ANALYTICS_MIGRATIONS, AnalyticsTables } from '@cxgenie/analytics';
import {
  CLICKHOUSE_CLIENT,
  appliedClickHouseMigrations,
  migrateClickHouse,
} from '@cxgenie/clickhouse';
import { type AnalyticsEventsJobData, type AnalyticsFact, QueueNames } from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  type ChdbHttpEndpoint,
  bootService,
  eventually,
  startChdbHttpEndpoint,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';
import { AnalyticsSchema } from './analytics-schema';

const WAIT_MS = 30_000;

/** Yesterday to the day after tomorrow (UTC dates): today in any zone, whatever the hour. */
const aroundToday = () => {
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return `from=${day(-1)}&to=${day(2)}`;
};

/**
 * The ClickHouse server path (`CLICKHOUSE_URL`): the gateway's migrations, writer and reports
 * through `@clickhouse/client` over HTTP, never the embedded engine. The server is ClickHouse's
 * HTTP interface in front of the ClickHouse engine chdb embeds (no ClickHouse server can run on
 * this project's machines, ADR 0043): the SQL, types, views and parameter binding are the real
 * engine's, the HTTP layer is the test's.
 */
describe('analytics on a ClickHouse server (CLICKHOUSE_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cxgenie-ch-server-'));
  let server: ChdbHttpEndpoint;
  let gateway: BootedService;
  let clickhouse: ClickHouseClient;
  let queue: Bull.Queue<AnalyticsEventsJobData>;
  let owner: ApiClient;
  let bot: { id: string };

  beforeAll(async () => {
    server = await startChdbHttpEndpoint(dataDir);
    gateway = await bootService(gatewayApiService, {
      CLICKHOUSE_URL: server.url,
      QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
      ANALYTICS_CACHE_TTL_S: '0',
    });
    clickhouse = gateway.app.get<ClickHouseClient>(CLICKHOUSE_CLIENT);
    queue = gateway.app.get(getQueueToken(QueueNames.AnalyticsEvents));
    await gateway.app.get(AnalyticsSchema).ready();
    owner = await ApiClient.signUp(gateway.url);
    bot = (await owner.post<{ id: string }>('/api/v1/bots', { name: 'Server bot' })).body;
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const written = () =>
    eventually(async () => {
      const counts = await queue.getJobCounts();
      expect(counts).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    }, WAIT_MS);

  /** What every fact of this suite's bot shares: a fresh conversation and customer each. */
  const base = (id: string) => ({
    id,
    workspaceId: owner.session!.workspaceId,
    occurredAt: new Date().toISOString(),
    conversationId: randomUUID(),
    botId: bot.id,
    customerId: randomUUID(),
    channelType: 'web' as const,
  });
  const received = (id: string, text: string): AnalyticsFact => ({
    ...base(id),
    type: 'message.received',
    text,
  });

  const facts = (): AnalyticsFact[] => {
    return [
      ...[1, 2, 3].map((n) => received(`q-${n}`, "It's late again and I'm annoyed")),
      ...[1, 2].map((n) => ({
        ...base(`a-${n}`),
        type: 'message.answered' as const,
        replyToMessageId: `q-${n}`,
        outcome: 'answered' as const,
        haveEnoughInformation: true,
        provider: 'openai',
        model: 'gpt-4o-mini',
        waitedMs: 100,
        chars: 80,
      })),
      {
        ...base('u-1'),
        type: 'llm.usage' as const,
        provider: 'openai',
        model: 'gpt-4o-mini',
        purpose: 'answer' as const,
        promptTokens: 1_000_000,
        completionTokens: 1_000_000,
        latencyMs: 500,
      },
    ];
  };

  it('migrates the schema over HTTP, and a second run applies nothing', async () => {
    const creates = server.statements.filter((s) => /CREATE (TABLE|MATERIALIZED VIEW)/.test(s));
    expect(creates.some((s) => s.includes(`EXISTS ${AnalyticsTables.Facts}`))).toBe(true);
    expect(creates.some((s) => s.includes(`EXISTS ${AnalyticsTables.BotHourly}_mv`))).toBe(true);
    const versions = ANALYTICS_MIGRATIONS.map((m) => m.version);
    expect(await appliedClickHouseMigrations(clickhouse)).toEqual(versions);
    expect(await migrateClickHouse(clickhouse, ANALYTICS_MIGRATIONS)).toEqual([]);
    expect(await appliedClickHouseMigrations(clickhouse)).toEqual(versions);
  });

  it('writes facts through the queue and the writer, and the reports count them exactly, once', async () => {
    const batch = facts();
    const before = server.statements.length;
    await queue.add({ events: batch, traceId: 'server-test' });
    await written();
    const inserts = server.statements
      .slice(before)
      .filter((s) => s.startsWith(`INSERT INTO ${AnalyticsTables.Facts}`));
    expect(inserts).toHaveLength(1);

    const messages = async () =>
      (
        await owner.get<{
          rows: { key: string; name: string; customerMessages: number; botMessages: number }[];
        }>(`/api/v1/analytics/messages?${aroundToday()}&bucket=day&groupBy=bot`)
      ).body.rows;
    expect(
      (await messages()).map((r) => [r.key, r.name, r.customerMessages, r.botMessages]),
    ).toEqual([[bot.id, 'Server bot', 3, 2]]);
    const costs = await owner.get<{ totals: { llmCalls: number; costUsd: number } }>(
      `/api/v1/analytics/costs?${aroundToday()}`,
    );
    // gpt-4o-mini: $0.15 per million prompt tokens, $0.60 per million completion tokens.
    expect(costs.body.totals).toMatchObject({ llmCalls: 1, costUsd: 0.75 });

    // The same facts again (a retried job): the writer's check over HTTP leaves them out.
    await queue.add({ events: batch, traceId: 'server-test-again' });
    await written();
    expect((await messages()).map((r) => [r.customerMessages, r.botMessages])).toEqual([[3, 2]]);
  });

  it("checks thousands of fact ids at once (a list longer than a URL's usual limit)", async () => {
    const many = Array.from({ length: 6_000 }, (_, n) => received(randomUUID(), `question ${n}`));
    for (let i = 0; i < many.length; i += 500)
      await queue.add({ events: many.slice(i, i + 500), traceId: 'server-many' });
    await written();
    const { rows } = (
      await owner.get<{ rows: { customerMessages: number }[] }>(
        `/api/v1/analytics/messages?${aroundToday()}&bucket=day&groupBy=bot`,
      )
    ).body;
    expect(rows.reduce((n, r) => n + r.customerMessages, 0)).toBe(3 + 6_000);
  }, 60_000);
  it('leaves out facts already stored whatever their ids hold (quotes, tabs, newlines, unicode, long)', async () => {
    const ids = [
      "it's",
      'say "hi"',
      'a\ttab',
      'a\\ttab',
      'new\nline',
      'ends with \\',
      "'); DROP TABLE analytics_facts; --",
      'ünïcödé ✓ 😀',
      'x'.repeat(20_000),
    ].map((id) => `${id}-${randomUUID()}`);
    const hostile = ids.map((id) => received(id, 'hello'));
    const customerMessages = async () =>
      (
        await owner.get<{ rows: { customerMessages: number }[] }>(
          `/api/v1/analytics/messages?${aroundToday()}&bucket=day&groupBy=bot`,
        )
      ).body.rows.reduce((n, r) => n + r.customerMessages, 0);
    const before = await customerMessages();
    await queue.add({ events: hostile, traceId: 'server-hostile' });
    await written();
    await queue.add({ events: hostile, traceId: 'server-hostile-again' });
    await written();
    expect(await customerMessages()).toBe(before + ids.length);
    // Each id stored once, byte for byte (compared here, not in a query of its own).
    const stored = await clickhouse.query({
      query: `SELECT event_id FROM ${AnalyticsTables.Facts} FINAL
               WHERE workspace_id = {workspaceId:String} AND type = 'message.received'`,
      query_params: { workspaceId: owner.session!.workspaceId },
      format: 'JSONEachRow',
    });
    const wanted = new Set(ids);
    const rows = (await stored.json()) as { event_id: string }[];
    expect(rows.filter((r) => wanted.has(r.event_id)).length).toBe(ids.length);
  }, 60_000);
});
