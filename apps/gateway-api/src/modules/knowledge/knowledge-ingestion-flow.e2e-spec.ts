import type { SearchResponse } from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  bootService,
  eventually,
  serviceTokenHeaders,
  sharedQueuePrefix,
  type SpawnedService,
  spawnService,
  testEnv,
} from '@cxgenie/testing';
import { serviceUrlEnvVar } from '@cxgenie/contracts';
import { gatewayApiService } from '../../gateway-api.service';
import { storedAnalyticsEvents } from '../../core-modules/analytics/analytics.test-helpers';
import { makePdf } from './documents/upload/upload.test-helpers';
import { uploadFiles } from './knowledge-ingest.test-helpers';

interface IngestionReport {
  totals: { runs: number; failures: number; pages: number; chunks: number; seconds: number };
  rows: {
    bucket: string;
    botId: string;
    botName: string;
    runs: number;
    failures: number;
    pages: number;
    chunks: number;
    seconds: number;
  }[];
}

/** Yesterday to the day after tomorrow (UTC dates): today in any zone, whatever the hour. */
const aroundToday = () => {
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return `from=${day(-1)}&to=${day(2)}`;
};

interface SourceView {
  status: string;
  progress: number;
  stats: { pages: number; chunks: number; embedded: number; reused: number };
  error: string | null;
}

/**
 * The whole ingestion path across the three services, as deployed: a dashboard upload to
 * gateway-api, the loader's worker, and a search through core-ai that finds the document.
 */
describe('knowledge ingestion: upload → queued → processed → searchable', () => {
  let gateway: BootedService;
  let loader: SpawnedService;
  let coreAi: SpawnedService;
  let owner: ApiClient;

  beforeAll(async () => {
    const QUEUE_PREFIX = sharedQueuePrefix();
    // One data directory, as one machine's services share: the loader reads what the gateway
    // stored, and core-ai searches what the loader indexed.
    const { DATA_DIR } = testEnv();
    [coreAi, loader] = await Promise.all([
      spawnService('core-ai', { QUEUE_PREFIX, DATA_DIR }),
      spawnService('loader', { QUEUE_PREFIX, DATA_DIR, LOADER_METRICS_PORT: '0' }),
    ]);
    gateway = await bootService(gatewayApiService, {
      QUEUE_PREFIX,
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
    });
    owner = await ApiClient.signUp(gateway.url);
  });

  afterAll(async () => {
    await gateway?.close();
    await loader?.close();
    await coreAi?.close();
  });

  it('answers 202 at once, then the loader makes the document searchable', async () => {
    const bot = await owner.post<{ id: string }>('/api/v1/bots', { name: 'Manual bot' });
    const pdf = await makePdf(
      'Descaling the Aurora kettle: fill it with equal parts water and white vinegar, boil once, then rinse twice.',
    );
    const upload = await uploadFiles<{ items: { sourceId: string }[] }>(owner, bot.body.id, [
      { name: 'aurora-manual.pdf', bytes: pdf, type: 'application/pdf' },
    ]);
    expect(upload.status).toBe(202);
    const [{ sourceId }] = upload.body.items;

    const seen: number[] = [];
    const ready = await eventually(async () => {
      const source = await owner.get<SourceView>(`/api/v1/bots/${bot.body.id}/sources/${sourceId}`);
      seen.push(source.body.progress);
      expect(source.body.status).toBe('ready');
      return source.body;
    }, 60_000);
    expect(ready).toMatchObject({ progress: 100, error: null });
    expect(ready.stats.chunks).toBeGreaterThan(0);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    const search = await fetch(`${coreAi.url}/v1/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...serviceTokenHeaders() },
      body: JSON.stringify({
        workspaceId: owner.session!.workspaceId,
        botId: bot.body.id,
        query: 'how do I descale the kettle',
      }),
    });
    const { chunks } = (await search.json()) as SearchResponse;
    expect(chunks[0]).toMatchObject({ partition: 'documents', sourceId });
    expect(chunks[0]!.text).toContain('white vinegar');
  }, 120_000);

  it('reports every run to analytics: the ingestion report counts its pages, chunks, time and failures', async () => {
    const bot = await owner.post<{ id: string }>('/api/v1/bots', { name: 'Ingestion report bot' });
    const good = await makePdf(
      'Warranty of the Aurora kettle: two years from the date of purchase, receipt required.',
    );
    // A PDF by its header, but nothing a parser can read: the loader fails it.
    const broken = Buffer.from(
      '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\nthis is not a PDF body at all\n',
    );
    const upload = await uploadFiles<{ items: { sourceId: string }[] }>(owner, bot.body.id, [
      { name: 'warranty.pdf', bytes: good, type: 'application/pdf' },
      { name: 'broken.pdf', bytes: broken, type: 'application/pdf' },
    ]);
    expect(upload.status).toBe(202);
    const sources = await eventually(async () => {
      const views = await Promise.all(
        upload.body.items.map(async ({ sourceId }) => {
          const res = await owner.get<SourceView>(
            `/api/v1/bots/${bot.body.id}/sources/${sourceId}`,
          );
          return res.body;
        }),
      );
      expect(views.map((v) => v.status)).toEqual(['ready', 'failed']);
      return views;
    }, 60_000);

    // Through the loader's publisher, the queue and the writer: the raw facts first.
    const facts = await eventually(async () => {
      const stored = (await storedAnalyticsEvents(gateway.app, owner.session!.workspaceId)).filter(
        (f) => f.type === 'ingestion.completed' && f.data['bot_id'] === bot.body.id,
      );
      expect(stored).toHaveLength(2);
      return stored;
    }, 30_000);
    const bySource = new Map(facts.map((f) => [f.data['source_id'], f.data]));
    const [ready, failed] = sources;
    expect(bySource.get(upload.body.items[0]!.sourceId)).toMatchObject({
      outcome: 'succeeded',
      pages: ready!.stats.pages,
      chunks: ready!.stats.chunks,
      bot_name: 'Ingestion report bot',
    });
    expect(bySource.get(upload.body.items[1]!.sourceId)).toMatchObject({ outcome: 'failed' });

    const report = await owner.get<IngestionReport>(`/api/v1/analytics/ingestion?${aroundToday()}`);
    expect(report.status).toBe(200);
    const row = report.body.rows.filter((r) => r.botId === bot.body.id);
    expect(row).toHaveLength(1);
    const seconds = facts.reduce((sum, f) => sum + Number(f.data['seconds'] ?? 0), 0);
    expect(row[0]).toMatchObject({
      botName: 'Ingestion report bot',
      runs: 2,
      failures: 1,
      pages: ready!.stats.pages + failed!.stats.pages,
      chunks: ready!.stats.chunks + failed!.stats.chunks,
    });
    expect(row[0]!.seconds).toBeCloseTo(seconds, 2);
    expect(row[0]!.seconds).toBeGreaterThan(0);

    // Another workspace sees none of it; an hourly bucket is not offered.
    const other = await ApiClient.signUp(gateway.url);
    const theirs = await other.get<IngestionReport>(`/api/v1/analytics/ingestion?${aroundToday()}`);
    expect(theirs.body).toMatchObject({
      totals: { runs: 0, failures: 0, pages: 0, chunks: 0, seconds: 0 },
      rows: [],
    });
    const hourly = await owner.get<{ details: { field: string }[] }>(
      `/api/v1/analytics/ingestion?${aroundToday()}&bucket=hour`,
    );
    expect(hourly.status).toBe(400);
    expect(hourly.body.details.map((d) => d.field)).toEqual(['bucket']);
  }, 120_000);
});
