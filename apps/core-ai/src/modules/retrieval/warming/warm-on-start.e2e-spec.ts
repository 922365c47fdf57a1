import { randomBytes, randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { DATABASE } from '@cxgenie/database';
import type { EmbeddingProvider } from '@cxgenie/embeddings';
import {
  type BootedService,
  bootService,
  eventually,
  seedBotAndChannel,
  seedWorkspace,
  serviceTokenHeaders,
} from '@cxgenie/testing';
import { VECTOR_STORE, type VectorScope, type VectorStore } from '@cxgenie/vector-store';
import { EMBEDDING_PROVIDER } from '../../../core-modules/embeddings/embedding.tokens';
import { coreAiService } from '../../../core-ai.service';
import { BotKnowledgeIndexes } from '../lexical/bot-knowledge-indexes';
import { HotBots } from './hot-bots';

/** A bot in PostgreSQL with a few chunks in the vector store. */
async function seedBot(service: BootedService): Promise<VectorScope> {
  const sequelize = service.app.get<Sequelize>(DATABASE);
  const workspaceId = await seedWorkspace(sequelize, `warm-${randomUUID().slice(0, 8)}`);
  const { botId } = await seedBotAndChannel(sequelize, workspaceId);
  const embeddings = service.app.get<EmbeddingProvider>(EMBEDDING_PROVIDER);
  const store = service.app.get<VectorStore>(VECTOR_STORE);
  const texts = ['Parcels ship in two days.', 'Returns are free within 30 days.'];
  const vectors = await embeddings.embed(texts);
  await store.ensureSpace(embeddings.space);
  await store.upsert(
    embeddings.space,
    texts.map((text, i) => ({
      id: randomUUID(),
      workspaceId,
      botId,
      partition: 'snippets' as const,
      sourceId: randomUUID(),
      documentId: null,
      chunkHash: `h${i}`,
      title: 'Help',
      headingPath: 'Help',
      position: i,
      text,
      tokenCount: 6,
      createdAt: Date.now(),
      updatedAt: Date.now(),
      vector: vectors[i]!,
    })),
  );
  return { workspaceId, botId };
}

const search = async (service: BootedService, scope: VectorScope) => {
  const res = await fetch(`${service.url}/v1/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...serviceTokenHeaders() },
    body: JSON.stringify({ ...scope, query: 'when do parcels ship' }),
  });
  expect(res.status).toBe(200);
};

describe('core-ai warms the bots searched lately when it starts (real PostgreSQL, Redis, LanceDB)', () => {
  // One deployment across restarts: the same Redis namespace and data directory.
  // Start-up waits for the warming however slow the machine: the assertions read right after it.
  const env = {
    QUEUE_PREFIX: `test-warm-${randomBytes(4).toString('hex')}`,
    KNOWLEDGE_WARM_WAIT_MS: '120000',
  };
  let coreAi: BootedService | undefined;

  afterEach(async () => {
    await coreAi?.close();
    coreAi = undefined;
  });

  it('holds a bot searched before the restart in memory before its first search, and no other', async () => {
    coreAi = await bootService(coreAiService, env);
    const searched = await seedBot(coreAi);
    const unsearched = await seedBot(coreAi);
    await search(coreAi, searched);
    const hotBots = coreAi.app.get(HotBots);
    await eventually(async () => {
      const recent = await hotBots.recent(10, 0);
      expect(recent.map((bot) => bot.scope)).toEqual([searched]);
    });
    await coreAi.close();

    coreAi = await bootService(coreAiService, env);
    // Start-up waited for the warming: the bot is built before anything asked for it.
    expect(coreAi.app.get(BotKnowledgeIndexes).usage()).toMatchObject({
      bots: 1,
      botsWithVectors: 1,
    });
    await search(coreAi, searched);
    await search(coreAi, unsearched);
    expect(coreAi.app.get(BotKnowledgeIndexes).usage().bots).toBe(2);
  });
});
