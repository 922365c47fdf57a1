import type { EmbeddingSpace } from '@cxgenie/embeddings';
import type {
  ScopeVectors,
  StoredChunk,
  VectorHit,
  VectorRecord,
  VectorRecordKey,
  VectorScope,
  VectorSearchQuery,
  VectorStore,
} from '../vector-store.port';
import { type KnowledgeChangeFeed, knowledgeChangeOf } from './knowledge-changes';

/**
 * The store with every write announced on the change feed once it is committed, whoever writes
 * (the loader, core-ai's FAQ indexing, reconciliation): caches of a bot's knowledge learn of the
 * change without asking the store on every search. Announced per workspace, not per bot, because a
 * write can move a record between bots of a workspace (retired positions).
 */
export class NotifyingVectorStore implements VectorStore {
  readonly kind: VectorStore['kind'];

  constructor(
    private readonly inner: VectorStore,
    private readonly feed: KnowledgeChangeFeed,
  ) {
    this.kind = inner.kind;
    if (inner.scanScopeVectors) {
      const scan = inner.scanScopeVectors.bind(inner);
      this.scanScopeVectors = (space, scope) => scan(space, scope);
    }
    if (inner.maintain) this.maintain = inner.maintain.bind(inner);
  }

  scanScopeVectors?: (space: EmbeddingSpace, scope: VectorScope) => Promise<ScopeVectors>;
  maintain?: () => Promise<number>;

  ensureSpace(space: EmbeddingSpace): Promise<void> {
    return this.inner.ensureSpace(space);
  }

  async upsert(space: EmbeddingSpace, records: readonly VectorRecord[]): Promise<void> {
    try {
      await this.inner.upsert(space, records);
    } finally {
      // Also after a failure: part of a batched write may have committed.
      for (const workspaceId of new Set(records.map((r) => r.workspaceId)))
        this.feed.publish(knowledgeChangeOf(space, workspaceId));
    }
  }

  search(space: EmbeddingSpace, query: VectorSearchQuery): Promise<VectorHit[]> {
    return this.inner.search(space, query);
  }

  nearest(
    space: EmbeddingSpace,
    query: VectorSearchQuery,
  ): Promise<{ id: string; score: number }[]> {
    return this.inner.nearest(space, query);
  }

  scanScope(space: EmbeddingSpace, scope: VectorScope): Promise<StoredChunk[]> {
    return this.inner.scanScope(space, scope);
  }

  scopeRevision(space: EmbeddingSpace, scope: VectorScope): Promise<string> {
    return this.inner.scopeRevision(space, scope);
  }

  deleteBySource(space: EmbeddingSpace, scope: VectorScope, sourceId: string): Promise<void> {
    return this.announced(space, scope, () => this.inner.deleteBySource(space, scope, sourceId));
  }

  countBySource(space: EmbeddingSpace, scope: VectorScope, sourceId: string): Promise<number> {
    return this.inner.countBySource(space, scope, sourceId);
  }

  deleteScope(space: EmbeddingSpace, scope: VectorScope): Promise<void> {
    return this.announced(space, scope, () => this.inner.deleteScope(space, scope));
  }

  listRecordKeys(space: EmbeddingSpace, scope: VectorScope): Promise<VectorRecordKey[]> {
    return this.inner.listRecordKeys(space, scope);
  }

  deleteRecords(space: EmbeddingSpace, scope: VectorScope, ids: readonly string[]): Promise<void> {
    return this.announced(space, scope, () => this.inner.deleteRecords(space, scope, ids));
  }

  private async announced(
    space: EmbeddingSpace,
    scope: VectorScope,
    write: () => Promise<void>,
  ): Promise<void> {
    try {
      await write();
    } finally {
      this.feed.publish(knowledgeChangeOf(space, scope.workspaceId));
    }
  }
}
