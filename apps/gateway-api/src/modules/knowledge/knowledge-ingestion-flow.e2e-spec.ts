import type { SearchResponse } from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  bootService,
  eventually,
  sharedQueuePrefix,
  type SpawnedService,
  spawnService,
  testEnv,
} from '@cxgenie/testing';
import { serviceUrlEnvVar } from '@cxgenie/contracts';
import { gatewayApiService } from '../../gateway-api.service';
import { makePdf } from './documents/upload/upload.test-helpers';
import { uploadFiles } from './knowledge-ingest.test-helpers';

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
      headers: { 'content-type': 'application/json' },
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
});
