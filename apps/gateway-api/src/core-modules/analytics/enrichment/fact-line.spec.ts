import type { ClickHouseClient } from '@clickhouse/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FACTS_COLUMNS } from '@cxgenie/analytics';
import { bulkInsert, createClickHouseClient } from '@cxgenie/clickhouse';
import { ANALYTICS_FACT_TYPES, type AnalyticsFact } from '@cxgenie/contracts';
import { factLine } from './fact-line';
import { toFactRow } from './fact-row.reference';
import type { FactContext } from './fact-rows';

/** A small deterministic generator: the same varied facts on every run. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
  return <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
}

// Strings JSON escapes (quotes, backslashes, controls, line separators, lone surrogates) or not.
const TEXTS = [
  '',
  'plain',
  'Where is my order? It is late again.',
  'a "quoted" word',
  'back\\slash',
  'line\nbreak\r\n',
  'tab\there',
  '\u0001\u001f controls',
  'émoji 😀 and ünïcode',
  'lone \ud800 surrogate',
  'trailing \udc00',
  '\u2028 separators \u2029',
  'x'.repeat(700),
  '7b0c6f3e-1111-4222-8333-944445555666',
];
const NUMBERS = [0, 1, 7, -5, 2.5, 0.1 + 0.2, 1e21, 123_456_789.123, -0, NaN, Infinity, 5e-7];
// What a fact's optional (or, from a careless publisher, missing) field may hold.
const MAYBE = [...TEXTS, undefined, null];
const ZONES = ['UTC', 'Asia/Kolkata', 'America/New_York', 'Asia/Kathmandu', 'Mars/Nowhere'];
const TIMES = [
  '2026-11-20T12:00:00.000Z',
  '2026-11-01T05:59:59.999Z',
  '2026-03-29T01:30:00+01:00',
  '1999-12-31T23:59:59.5Z',
  'not a time',
];

function variedFact(pick: ReturnType<typeof random>, type: string): AnalyticsFact {
  const fields: Record<string, unknown> = {
    id: pick(TEXTS),
    workspaceId: pick(TEXTS),
    type,
    occurredAt: pick(TIMES),
    traceId: pick(MAYBE),
    conversationId: pick(MAYBE),
    messageId: pick(MAYBE),
    ticketId: pick(MAYBE),
    agentId: pick(MAYBE),
    text: pick(TEXTS),
    chars: pick(NUMBERS),
    replyToMessageId: pick(MAYBE),
    outcome: pick(MAYBE),
    haveEnoughInformation: pick([true, false]),
    provider: pick(MAYBE),
    model: pick(MAYBE),
    waitedMs: pick(NUMBERS),
    question: pick(type === 'message.unanswered' ? TEXTS : MAYBE),
    reason: pick(MAYBE),
    ticketOpened: pick([true, false]),
    mode: pick(MAYBE),
    previousAgentId: pick(MAYBE),
    priority: pick(MAYBE),
    seconds: pick(NUMBERS),
    withinTarget: pick([true, false]),
    status: pick(MAYBE),
    target: pick(MAYBE),
    rating: pick(NUMBERS),
    availability: pick(MAYBE),
    previous: pick(MAYBE),
    previousSince: pick([...TIMES, null]),
    purpose: pick(MAYBE),
    promptTokens: pick(NUMBERS),
    completionTokens: pick(NUMBERS),
    latencyMs: pick(NUMBERS),
    texts: pick(NUMBERS),
    tokens: pick(NUMBERS),
    sourceId: pick(MAYBE),
    sourceType: pick(MAYBE),
    succeeded: pick([true, false]),
    pages: pick(NUMBERS),
    chunks: pick(NUMBERS),
  };
  // Left out altogether, as a publisher may: JSON.stringify then leaves the column out too.
  for (const name of Object.keys(fields))
    if (name !== 'type' && name !== 'text' && fields[name] === undefined) delete fields[name];
  return fields as unknown as AnalyticsFact;
}

function variedContext(pick: ReturnType<typeof random>): FactContext {
  return {
    timeZone: pick(ZONES),
    botId: pick(TEXTS),
    channelType: pick(['web', 'email', '']),
    customerId: pick(TEXTS),
    botName: pick(TEXTS),
    customerName: pick(TEXTS),
    agentName: pick(TEXTS),
    sentiment: pick([undefined, { id: 'm', score: -0.53, source: 'lexicon' as const }]),
    costUsd: pick([undefined, 0, 0.000_288, 12.5]),
  };
}

/** Columns every row names; the others default to '' or 0 (`FACTS_COLUMNS`). */
const ALWAYS = new Set(['workspace_id', 'type', 'occurred_at', 'event_id', 'local_time']);

/**
 * The row's JSON without what reads as the column's default anyway: '', 0, and what JSON writes
 * as null (null, NaN, Infinity). The engine's side of that equivalence is tested on real chdb in
 * fact-line.chdb.spec.ts.
 */
export const withoutDefaults = (json: string): string =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(JSON.parse(json) as Record<string, unknown>).filter(
        ([key, value]) => ALWAYS.has(key) || (value !== '' && value !== 0 && value !== null),
      ),
    ),
  );

/** The spec's varied facts with their context and time, the same on every run. */
function* variedRows(
  count: number,
): Generator<{ fact: AnalyticsFact; ctx: FactContext; at: number }> {
  const pick = random(17);
  for (let i = 0; i < count; i++) {
    const type = ANALYTICS_FACT_TYPES[i % ANALYTICS_FACT_TYPES.length]!;
    const fact = variedFact(pick, type);
    const ctx = variedContext(pick);
    const parsed = Date.parse(fact.occurredAt);
    yield { fact, ctx, at: Number.isNaN(parsed) ? Date.now() : parsed };
  }
}

const outcome = (write: () => string): string => {
  try {
    return write();
  } catch (error) {
    return `threw ${(error as Error).name}`;
  }
};

describe('a fact row as one JSONEachRow line', () => {
  const NOW = Date.parse('2026-12-07T10:00:00.000Z');
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
  afterEach(() => jest.restoreAllMocks());

  it('is byte for byte the JSON of the row object it replaced, defaults left out, over thousands of varied facts', () => {
    let compared = 0;
    for (const { fact, ctx, at } of variedRows(6_000)) {
      const expected = outcome(() => `${withoutDefaults(JSON.stringify(toFactRow(fact, ctx)))}\n`);
      expect(outcome(() => factLine(fact, ctx, at))).toBe(expected);
      if (!expected.startsWith('threw')) compared++;
    }
    // Most facts were written, not merely thrown on alike.
    expect(compared).toBeGreaterThan(5_000);
  });

  it('writes what ClickHouse reads: one line of valid JSON with the row’s values', () => {
    const fact: AnalyticsFact = {
      id: 'f-1',
      workspaceId: 'w-1',
      type: 'message.answered',
      occurredAt: '2026-11-29T20:00:00.250Z',
      conversationId: 'c-1',
      replyToMessageId: 'm-0',
      outcome: 'answered',
      haveEnoughInformation: true,
      provider: 'openai',
      model: 'gpt-4o-mini',
      waitedMs: 120.4,
      chars: 240,
      question: 'Is "express" shipping\nfree?',
    };
    const ctx: FactContext = {
      timeZone: 'Asia/Kolkata',
      botId: 'b-1',
      channelType: 'web',
      customerId: 'u-1',
      botName: 'Shop bot',
      customerName: 'Zoë',
      agentName: '',
    };
    const line = factLine(fact, ctx, Date.parse(fact.occurredAt));
    expect(line.endsWith('}\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(JSON.parse(line)).toMatchObject({
      occurred_at: '2026-11-29 20:00:00.250',
      local_time: '2026-11-30 01:30:00',
      sender: 'bot',
      wait_ms: 120,
      enough_information: 1,
      customer_name: 'Zoë',
      text: 'Is "express" shipping\nfree?',
    });
  });
});

describe('a fact row with its defaults left out, in ClickHouse (chdb)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cxgenie-fact-line-'));
  let client: ClickHouseClient;
  const NOW = Date.parse('2026-12-07T10:00:00.000Z');

  beforeAll(() => {
    client = createClickHouseClient({ kind: 'embedded', dataDir });
  });
  afterAll(async () => {
    await client.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
  afterEach(() => jest.restoreAllMocks());

  it('is stored as the same row as the whole JSON of the row object', async () => {
    const whole: string[] = [];
    const sparse: string[] = [];
    for (const { fact, ctx, at } of variedRows(6_000)) {
      let line: string;
      try {
        line = JSON.stringify(toFactRow(fact, ctx));
      } catch {
        continue;
      }
      // A row the engine refuses whole (a lone surrogate, a number beyond its column) is not the
      // question here.
      if (/\\ud[89a-f]|e\+21|123456789\.123/i.test(line)) continue;
      whole.push(`${line}\n`);
      sparse.push(factLine(fact, ctx, at));
    }
    for (const [table, lines] of [
      ['whole', whole],
      ['sparse', sparse],
    ] as const) {
      await client.command({
        query: `CREATE TABLE ${table} (${FACTS_COLUMNS}) ENGINE = MergeTree ORDER BY tuple()`,
      });
      await bulkInsert(client, { table, format: 'JSONEachRow', body: Buffer.from(lines.join('')) });
    }
    const rows = async (table: string) =>
      (await (
        await client.query({
          query: `SELECT * EXCEPT inserted_at FROM ${table} ORDER BY ALL`,
          format: 'JSONEachRow',
        })
      ).json()) as unknown[];
    const stored = await rows('whole');
    expect(stored.length).toBe(whole.length);
    expect(stored.length).toBeGreaterThan(500);
    expect(await rows('sparse')).toEqual(stored);
  });
});
