import {
  CORE_AI_KNOWLEDGE_INDEX_PATH,
  CORE_AI_SEARCH_PATH,
  type KnowledgeIndexReport,
  type SearchResponse,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import {
  ApiClient,
  type BootedService,
  bootService,
  eventually,
  serviceTokenHeaders,
  sharedQueuePrefix,
  type SpawnedService,
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';
import type { KnowledgeIndexResponse } from './dto/bot.dto';

interface BotDetail {
  id: string;
  name: string;
  knowledgeIndex: KnowledgeIndexResponse | null;
}

/**
 * The bot's status as the dashboard reads it says whether its vector index is whole: gateway-api
 * asks core-ai (spawned, as deployed) for the bot's last reconciliation report.
 */
describe('bot read: knowledge index status from core-ai', () => {
  let gateway: BootedService;
  let coreAi: SpawnedService;
  let owner: ApiClient;
  let stranger: ApiClient;

  beforeAll(async () => {
    const QUEUE_PREFIX = sharedQueuePrefix();
    // A vector store of its own: this suite's bots and no other's.
    coreAi = await spawnService('core-ai', {
      QUEUE_PREFIX,
      DATA_DIR: `.data/test/bot-index-${process.pid}-${Date.now()}`,
    });
    gateway = await bootService(gatewayApiService, {
      QUEUE_PREFIX,
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
    });
    [owner, stranger] = await Promise.all([
      ApiClient.signUp(gateway.url),
      ApiClient.signUp(gateway.url),
    ]);
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    await coreAi?.close();
  });

  const createBot = async (name: string) => {
    const res = await owner.post<{ id: string }>('/api/v1/bots', { name });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const readBot = async (client: ApiClient, botId: string) =>
    client.get<BotDetail>(`/api/v1/bots/${botId}`);
  const reconcile = async (botId: string) => {
    const res = await fetch(`${coreAi.url}${CORE_AI_KNOWLEDGE_INDEX_PATH}/reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...serviceTokenHeaders() },
      body: JSON.stringify({ workspaceId: owner.session!.workspaceId, botId }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as KnowledgeIndexReport;
  };

  it('reads complete for a bot whose vectors are all in the store, unknown before any check', async () => {
    const botId = await createBot('Indexed bot');
    const faq = await owner.post(`/api/v1/bots/${botId}/faqs`, {
      question: 'Do you ship to Norway?',
      answer: 'Yes: orders to Norway arrive in 4 to 6 business days.',
    });
    expect(faq.status).toBe(201);
    // core-ai indexes the FAQ from its queue.
    await eventually(async () => {
      const res = await fetch(`${coreAi.url}${CORE_AI_SEARCH_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...serviceTokenHeaders() },
        body: JSON.stringify({
          workspaceId: owner.session!.workspaceId,
          botId,
          query: 'shipping to Norway',
        }),
      });
      const { chunks } = (await res.json()) as SearchResponse;
      expect(chunks.map((chunk) => chunk.text).join(' ')).toContain('Norway');
    }, 60_000);

    const never = await readBot(owner, botId);
    expect(never.status).toBe(200);
    expect(never.body.knowledgeIndex).toMatchObject({ state: 'unknown', checkedAt: null });

    await reconcile(botId);
    const read = await readBot(owner, botId);
    expect(read.status).toBe(200);
    expect(read.body.knowledgeIndex).toEqual({
      state: 'complete',
      expected: 1,
      missing: 0,
      repaired: 0,
      orphans: 0,
      removed: 0,
      sourcesInFlight: 0,
      chunksInOtherSpaces: 0,
      checkedAt: expect.any(String),
      failed: false,
    });
  }, 120_000);

  it('reads the missing records a reconciliation found, and only for the bot’s own workspace', async () => {
    const botId = await createBot('Restored bot');
    // An FAQ PostgreSQL holds and the vector store never got: a database restored over a new
    // store volume.
    const scope = await gateway.app.get(TenantConnections).scope(owner.session!.workspaceId);
    await scope.models.Faq.create({
      workspaceId: owner.session!.workspaceId,
      botId,
      question: 'Can I return a used kettle?',
      answer: 'Used kettles can be returned within 30 days if they work.',
    });

    const report = await reconcile(botId);
    expect(report).toMatchObject({ expected: 1, missing: 1 });
    const read = await readBot(owner, botId);
    expect(read.body.knowledgeIndex).toMatchObject({
      state: report.state,
      expected: 1,
      missing: 1,
      repaired: report.repaired,
      checkedAt: report.checkedAt,
      failed: false,
    });

    // Another workspace can neither read the bot nor, through its own bot read, its report.
    expect((await readBot(stranger, botId)).status).toBe(404);
  }, 120_000);

  it('reads null, not an error, when core-ai hangs or is down', async () => {
    const botId = await createBot('Orphaned bot');
    // Frozen: connections are accepted and never answered, so only the deadline ends the call.
    coreAi.process.kill('SIGSTOP');
    try {
      const hung = await readBot(owner, botId);
      expect(hung.status).toBe(200);
      expect(hung.body).toMatchObject({ id: botId, name: 'Orphaned bot', knowledgeIndex: null });
    } finally {
      coreAi.process.kill('SIGCONT');
    }
    await coreAi.close();
    const read = await readBot(owner, botId);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: botId, name: 'Orphaned bot', knowledgeIndex: null });
    // The list stays as it was: no per-bot call to core-ai.
    const list = await owner.get<{ items: Record<string, unknown>[] }>('/api/v1/bots');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const item of list.body.items) expect(item).not.toHaveProperty('knowledgeIndex');
  }, 60_000);
});
