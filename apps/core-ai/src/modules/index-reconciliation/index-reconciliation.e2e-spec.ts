import { randomBytes, randomUUID } from 'node:crypto';
import * as lancedb from '@lancedb/lancedb';
import { QueryTypes, Sequelize } from 'sequelize';
import {
  CORE_AI_KNOWLEDGE_INDEX_PATH,
  CORE_AI_SEARCH_PATH,
  type KnowledgeIndexReport,
  type SearchResponse,
} from '@cxgenie/contracts';
import { Migrator, withDatabaseName } from '@cxgenie/database';
import { LOCAL_EMBEDDING_MODEL, spaceKey } from '@cxgenie/embeddings';
import {
  type BootedService,
  TEST_DATABASE_URL,
  bootService,
  eventually,
  seedBotAndChannel,
  seedWorkspace,
  serviceTokenHeaders,
} from '@cxgenie/testing';
import { LanceDbVectorStore, type VectorRecord } from '@cxgenie/vector-store';
import { coreAiService } from '../../core-ai.service';

const space = { model: LOCAL_EMBEDDING_MODEL, dimensions: 1024 };
const REFUNDS = {
  question: 'How long do refunds take?',
  answer: 'Refunds reach your card 5 to 10 business days after we receive the returned item.',
};
const WARRANTY_CHUNKS = [
  'Every kettle has a two-year warranty covering manufacturing defects.',
  'Limescale damage is not covered: descale the kettle every month.',
];

interface Seeded {
  workspaceId: string;
  botId: string;
  faqId: string;
  snippetId: string;
  documentSourceId: string;
  crawlingSourceId: string;
}

/** A bot's knowledge as PostgreSQL holds it after ingestion, with no vector store behind it. */
async function seedKnowledge(sequelize: Sequelize): Promise<Seeded> {
  const workspaceId = await seedWorkspace(sequelize, `reconcile-${randomUUID().slice(0, 8)}`);
  const { botId } = await seedBotAndChannel(sequelize, workspaceId);
  const insert = async (sql: string, replacements: Record<string, unknown>) =>
    (await sequelize.query<{ id: string }>(sql, { replacements, type: QueryTypes.SELECT }))[0]!.id;
  const faqId = await insert(
    `INSERT INTO faqs (workspace_id, bot_id, question, answer) VALUES (:workspaceId, :botId, :q, :a) RETURNING id`,
    { workspaceId, botId, q: REFUNDS.question, a: REFUNDS.answer },
  );
  const snippetId = await insert(
    `INSERT INTO snippets (workspace_id, bot_id, title, content) VALUES (:workspaceId, :botId, 'Support hours', 'Our team answers Monday to Friday, 9:00 to 18:00 CET.') RETURNING id`,
    { workspaceId, botId },
  );
  const source = (type: string, status: string) =>
    insert(
      `INSERT INTO knowledge_sources (workspace_id, bot_id, type, name, status) VALUES (:workspaceId, :botId, :type, :type, :status) RETURNING id`,
      { workspaceId, botId, type, status },
    );
  const documentSourceId = await source('document', 'ready');
  const crawlingSourceId = await source('website', 'processing');
  const chunk = (sourceId: string, position: number, text: string) =>
    sequelize.query(
      `INSERT INTO knowledge_chunks (workspace_id, bot_id, source_id, position, text, content_hash, token_count, metadata)
       VALUES (:workspaceId, :botId, :sourceId, :position, :text, md5(:text), 12, CAST(:metadata AS jsonb))`,
      {
        replacements: {
          workspaceId,
          botId,
          sourceId,
          position,
          text,
          metadata: JSON.stringify({
            title: 'Kettle manual',
            headingPath: 'Warranty',
            page: 1,
            url: null,
            space: spaceKey(space),
          }),
        },
      },
    );
  await chunk(documentSourceId, 0, WARRANTY_CHUNKS[0]!);
  await chunk(documentSourceId, 1, WARRANTY_CHUNKS[1]!);
  await chunk(crawlingSourceId, 0, 'A page the loader is indexing right now.');
  return { workspaceId, botId, faqId, snippetId, documentSourceId, crawlingSourceId };
}

const orphan = (bot: Seeded, sourceId: string, position: number, text: string): VectorRecord => ({
  id: `${sourceId}:${position}`,
  workspaceId: bot.workspaceId,
  botId: bot.botId,
  partition: 'websites',
  sourceId,
  documentId: null,
  chunkHash: 'b'.repeat(64),
  title: 'Old page',
  headingPath: '',
  position,
  text,
  tokenCount: 5,
  createdAt: Date.now(),
  updatedAt: Date.now(),
  vector: Array.from({ length: space.dimensions }, (_, i) => (i === position ? 1 : 0)),
});

describe('knowledge index reconciliation (core-ai)', () => {
  const dataDir = `.data/test/reconcile-${process.pid}-${Date.now()}`;
  // A database of its own: the check at start covers every bot of the database it is given, and
  // the shared test database holds every other suite's bots.
  const databaseName = `cxgenie_test_reconcile_${randomBytes(4).toString('hex')}`;
  const databaseUrl = withDatabaseName(TEST_DATABASE_URL, databaseName);
  const deletedSourceId = randomUUID();
  let admin: Sequelize;
  let sequelize: Sequelize;
  let bot: Seeded;
  let core: BootedService;
  let connection: lancedb.Connection;
  let store: LanceDbVectorStore;

  beforeAll(async () => {
    admin = new Sequelize(TEST_DATABASE_URL, { logging: false, pool: { max: 1 } });
    await admin.query(`CREATE DATABASE "${databaseName}"`);
    const migrator = new Migrator(databaseUrl);
    try {
      await migrator.up();
    } finally {
      await migrator.close();
    }
    sequelize = new Sequelize(databaseUrl, { logging: false });
    bot = await seedKnowledge(sequelize);
    // A new vector store volume: empty but for what a deleted source and the crawl left there.
    connection = await lancedb.connect(`${dataDir}/lancedb`, { readConsistencyInterval: 0 });
    store = new LanceDbVectorStore(connection);
    await store.upsert(space, [
      orphan(bot, deletedSourceId, 0, 'Refunds take a year (a source deleted long ago).'),
      orphan(bot, bot.crawlingSourceId, 3, 'Written by the crawl before its row.'),
    ]);
    core = await bootService(coreAiService, {
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      KNOWLEDGE_RECONCILE_ON_START: 'true',
    });
  });

  afterAll(async () => {
    await core?.close();
    connection?.close();
    await sequelize?.close();
    await admin?.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin?.close();
  });

  const status = async (): Promise<KnowledgeIndexReport> => {
    const res = await fetch(
      `${core.url}${CORE_AI_KNOWLEDGE_INDEX_PATH}/status?workspaceId=${bot.workspaceId}&botId=${bot.botId}`,
      { headers: serviceTokenHeaders() },
    );
    expect(res.status).toBe(200);
    return (await res.json()) as KnowledgeIndexReport;
  };
  const search = async (query: string) => {
    const res = await fetch(`${core.url}${CORE_AI_SEARCH_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...serviceTokenHeaders() },
      body: JSON.stringify({ workspaceId: bot.workspaceId, botId: bot.botId, query }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as SearchResponse).chunks;
  };
  const storedIds = async () =>
    (await store.listRecordKeys(space, bot)).map((key) => key.id).sort();

  it('re-indexes on start what PostgreSQL holds and the store lost, and removes orphans', async () => {
    const report = await eventually(async () => {
      const current = await status();
      expect(current.state).toBe('complete');
      return current;
    }, 60_000);
    expect(report).toMatchObject({
      expected: 4,
      missing: 4,
      repaired: 4,
      orphans: 1,
      removed: 1,
      sourcesInFlight: 1,
      error: null,
    });
    expect(await storedIds()).toEqual(
      [
        `${bot.faqId}:0`,
        `${bot.snippetId}:0`,
        `${bot.documentSourceId}:0`,
        `${bot.documentSourceId}:1`,
        `${bot.crawlingSourceId}:3`,
      ].sort(),
    );
    const [refunds] = await search('How long do refunds take?');
    expect(refunds).toMatchObject({
      sourceId: bot.faqId,
      text: expect.stringContaining('5 to 10'),
    });
    expect((await search('Is limescale damage covered by the warranty?'))[0]).toMatchObject({
      sourceId: bot.documentSourceId,
      text: WARRANTY_CHUNKS[1],
    });
  });

  it('on demand, finds a record lost since and writes it again', async () => {
    await store.deleteRecords(space, bot, [`${bot.documentSourceId}:1`]);
    const res = await fetch(`${core.url}${CORE_AI_KNOWLEDGE_INDEX_PATH}/reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...serviceTokenHeaders() },
      body: JSON.stringify({ workspaceId: bot.workspaceId, botId: bot.botId }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      state: 'complete',
      expected: 4,
      missing: 1,
      repaired: 1,
      orphans: 0,
    });
    expect(await storedIds()).toContain(`${bot.documentSourceId}:1`);
    expect((await status()).missing).toBe(1);
  });

  it('refuses a caller without the service token', async () => {
    const res = await fetch(`${core.url}${CORE_AI_KNOWLEDGE_INDEX_PATH}/reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspaceId: bot.workspaceId, botId: bot.botId }),
    });
    expect(res.status).toBe(401);
  });

  it('answers 404 for a bot of another workspace, and says unknown for a bot never checked', async () => {
    const other = await fetch(`${core.url}${CORE_AI_KNOWLEDGE_INDEX_PATH}/reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...serviceTokenHeaders() },
      body: JSON.stringify({ workspaceId: randomUUID(), botId: bot.botId }),
    });
    expect(other.status).toBe(404);
    const never = await fetch(
      `${core.url}${CORE_AI_KNOWLEDGE_INDEX_PATH}/status?workspaceId=${bot.workspaceId}&botId=${randomUUID()}`,
      { headers: serviceTokenHeaders() },
    );
    expect(await never.json()).toMatchObject({ state: 'unknown', checkedAt: null });
  });
});
