import type { ClickHouseClient } from '@clickhouse/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANALYTICS_MIGRATIONS, AnalyticsTables } from '@cxgenie/analytics';
import { bulkInsert, createClickHouseClient, migrateClickHouse } from '@cxgenie/clickhouse';
import { storedFactKeys, storedKey, tsvField } from './stored-facts';

// Ids a careless or hostile publisher might send: what TSV, SQL literals and heredocs treat
// specially, and pairs that differ only in how a character is escaped.
const HOSTILE = [
  "it's",
  'say "hi"',
  'back\\slash',
  'ends with \\',
  '\\t is not a tab',
  'a\ttab',
  'a\\ttab',
  'new\nline',
  'new\\nline',
  'carriage\rreturn',
  'nul\u0000byte',
  "'); DROP TABLE analytics_facts; --",
  '$$ heredoc $$',
  'ünïcödé ✓ 😀',
  '\u2028\u2029',
  'x'.repeat(20_000),
  '7b0c6f3e-1111-4222-8333-944445555666',
];

describe('the "already stored?" check over hostile fact ids (real chdb)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cxgenie-stored-facts-'));
  let client: ClickHouseClient;
  const at = Date.parse('2026-11-20T12:00:00.000Z');

  beforeAll(async () => {
    client = createClickHouseClient({ kind: 'embedded', dataDir });
    await migrateClickHouse(client, ANALYTICS_MIGRATIONS);
  });
  afterAll(async () => {
    await client.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds exactly the stored ones, whatever their characters', async () => {
    // Every other id is stored; its lookalike (the next one) is not.
    const stored = HOSTILE.filter((_, i) => i % 2 === 0);
    await bulkInsert(client, {
      table: AnalyticsTables.Facts,
      format: 'JSONEachRow',
      body: Buffer.from(
        stored
          .map(
            (id) =>
              `${JSON.stringify({
                workspace_id: 'w-1',
                type: 'message.received',
                occurred_at: '2026-11-20 12:00:00.000',
                event_id: id,
                local_time: '2026-11-20 12:00:00',
              })}\n`,
          )
          .join(''),
      ),
    });
    const found = await storedFactKeys(client, {
      workspaceIds: ['w-1'],
      fromMs: at,
      toMs: at,
      eventIds: HOSTILE,
    });
    expect([...found].sort()).toEqual(stored.map((id) => storedKey('message.received', id)).sort());
  });

  it('looks only in the workspaces and the days around the batch', async () => {
    const check = (workspaceIds: string[], ms: number) =>
      storedFactKeys(client, { workspaceIds, fromMs: ms, toMs: ms, eventIds: ["it's"] });
    expect((await check(['w-1'], at + 23 * 3_600_000)).size).toBe(1);
    expect((await check(['w-2'], at)).size).toBe(0);
    expect((await check(['w-1'], at + 3 * 86_400_000)).size).toBe(0);
  });

  it('asks nothing for no ids', async () => {
    expect(
      (await storedFactKeys(client, { workspaceIds: [], fromMs: 0, toMs: 0, eventIds: [] })).size,
    ).toBe(0);
  });

  it('escapes a field as ClickHouse reads TabSeparated back', () => {
    expect(tsvField('plain')).toBe('plain');
    expect(tsvField('a\tb\nc\\d\re\u0000')).toBe('a\\tb\\nc\\\\d\\re\\0');
  });
});
