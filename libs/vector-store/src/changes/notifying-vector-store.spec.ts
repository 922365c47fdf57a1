import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { LanceDbVectorStore } from '../lancedb/lancedb-vector-store';
import type { VectorRecord } from '../vector-store.port';
import { type KnowledgeChange, LocalKnowledgeChangeFeed } from './knowledge-changes';
import { NotifyingVectorStore } from './notifying-vector-store';

const space = { model: 'test/notify', dimensions: 2 };
const A = '00000000-0000-4000-8000-000000000e01';
const B = '00000000-0000-4000-8000-000000000e02';
const BOT = '00000000-0000-4000-8000-000000000e03';

const record = (id: string, workspaceId: string): VectorRecord => ({
  id,
  workspaceId,
  botId: BOT,
  partition: 'faqs',
  sourceId: 's1',
  documentId: null,
  chunkHash: id,
  title: '',
  headingPath: '',
  position: 0,
  text: id,
  tokenCount: 1,
  createdAt: 1,
  updatedAt: 1,
  vector: [1, 0],
});

describe('NotifyingVectorStore', () => {
  let dir: string;
  let db: lancedb.Connection;
  let store: NotifyingVectorStore;
  let heard: (KnowledgeChange | null)[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxgenie-notify-'));
    db = await lancedb.connect(dir);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    const feed = new LocalKnowledgeChangeFeed();
    heard = [];
    feed.subscribe((change) => heard.push(change));
    store = new NotifyingVectorStore(new LanceDbVectorStore(db), feed);
  });

  it('announces each written workspace once per write, after the write is visible', async () => {
    const seen: number[] = [];
    const feed = new LocalKnowledgeChangeFeed();
    const inner = new LanceDbVectorStore(db);
    feed.subscribe(() => {
      void inner
        .countBySource(space, { workspaceId: A, botId: BOT }, 's1')
        .then((n) => seen.push(n));
    });
    const notifying = new NotifyingVectorStore(inner, feed);
    await notifying.upsert(space, [record('n1', A), record('n2', A), record('n3', B)]);
    for (let i = 0; i < 100 && seen.length < 2; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([2, 2]);
  });

  it('announces deletes, and never reads', async () => {
    const scope = { workspaceId: A, botId: BOT };
    await store.upsert(space, [record('d1', A)]);
    heard = [];
    await store.search(space, { ...scope, partition: 'faqs', vector: [1, 0], topK: 1 });
    await store.scopeRevision(space, scope);
    await store.scanScope(space, scope);
    expect(heard).toEqual([]);
    await store.deleteRecords(space, scope, ['d1']);
    await store.deleteBySource(space, scope, 's1');
    await store.deleteScope(space, { workspaceId: B, botId: BOT });
    const change = (workspaceId: string) => ({ space: 'test/notify@2', workspaceId });
    expect(heard).toEqual([change(A), change(A), change(B)]);
  });

  it('passes the in-memory search support through', async () => {
    const scope = { workspaceId: A, botId: BOT };
    await store.upsert(space, [record('v1', A)]);
    const scanned = await store.scanScopeVectors!(space, scope);
    expect(scanned.ids).toContain('v1');
    expect(Array.from(scanned.vectors.subarray(0, 2))).toEqual([1, 0]);
    expect(typeof store.maintain).toBe('function');
  });
});
