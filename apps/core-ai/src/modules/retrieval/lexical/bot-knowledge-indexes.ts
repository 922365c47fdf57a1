import { Inject, Injectable, Logger, type OnModuleDestroy, Optional } from '@nestjs/common';
import { type EmbeddingSpace, spaceKey } from '@cxgenie/embeddings';
import {
  KNOWLEDGE_CHANGES,
  type KnowledgeChange,
  type KnowledgeChangeFeed,
  type StoredChunk,
  VECTOR_STORE,
  type VectorScope,
  type VectorStore,
} from '@cxgenie/vector-store';
import { BotVectors, type NearestHit } from '../memory/bot-vectors';
import { nearestInPartitions } from '../partition-search';
import { BotKnowledgeIndex } from './bot-knowledge-index';

/** Chunks kept in memory across all bots; the least recently used bots are dropped first. */
export const MAX_CACHED_CHUNKS = 200_000;

/** A bot whose vectors would take more than this share of the budget keeps them in the store. */
export const MAX_BOT_SHARE_OF_BUDGET = 0.25;

export interface BotKnowledgeIndexOptions {
  /**
   * Bytes all cached bots may take (vectors, chunks, term statistics; an estimate). 0: vectors
   * stay in the store and only the full-text index is cached (by chunk count).
   */
  memoryBytes: number;
  /**
   * With a change feed: how long a cached bot is used without asking the store whether it
   * changed, should an announcement have been missed. Without a feed the store is asked on every
   * search.
   */
  revalidateMs: number;
}

/** The vector leg of one question. */
export interface VectorLeg {
  /** The nearest chunks of each partition, partitions in the store's order, best first. */
  hits: (NearestHit & { chunk: StoredChunk })[];
  /** The cosines of these chunks with the same question, where lent. */
  cosines(ids: readonly string[]): Map<string, number>;
}

const cosinesBy = (
  ids: readonly string[],
  cosineOf: (id: string) => number | undefined,
): Map<string, number> => {
  const found = new Map<string, number>();
  for (const id of ids) {
    const cosine = cosineOf(id);
    if (cosine !== undefined) found.set(id, cosine);
  }
  return found;
};

export const BOT_KNOWLEDGE_INDEX_OPTIONS = Symbol('BOT_KNOWLEDGE_INDEX_OPTIONS');

const DEFAULT_OPTIONS: BotKnowledgeIndexOptions = { memoryBytes: 0, revalidateMs: 30_000 };

interface Entry {
  index: BotKnowledgeIndex;
  vectors: BotVectors | null;
  bytes: number;
  /** Change sequence number when the entry's revision was last read from the store. */
  checkedSeq: number;
  checkedAt: number;
  /** After a failed check behind the searches: none again before this time. */
  aheadAt?: number;
  /** Last asked for by a search (0: built by warming and not searched since). */
  searchedAt: number;
}

const keyOf = (space: EmbeddingSpace, scope: VectorScope) =>
  `${spaceKey(space)}|${scope.workspaceId}|${scope.botId}`;
const workspaceKeyOf = (space: string, workspaceId: string) => `${space}|${workspaceId}`;

/** Estimated bytes of the chunks and their analysed text (maps of terms per field and sentence). */
const chunkBytes = (chunks: readonly StoredChunk[]): number =>
  chunks.reduce(
    (sum, c) => sum + 1_500 + 6 * (c.text.length + c.title.length + c.headingPath.length),
    0,
  );

/**
 * Each bot's knowledge index, built from the vector store on first use and rebuilt when the bot's
 * chunks change: its full-text index and, within the memory budget, its vectors, so a search
 * never leaves the process. Whether a cached bot is current is known from the change feed (every
 * write to the store is announced, by whichever process); the store is asked (one revision check)
 * only after an announcement for the bot's workspace, after a reconnect of the feed, or once
 * `revalidateMs` has passed; a bot searched past half of that is checked in the background, so
 * its searches do not wait for it. Concurrent requests for one bot share one build.
 */
@Injectable()
export class BotKnowledgeIndexes implements OnModuleDestroy {
  private readonly logger = new Logger(BotKnowledgeIndexes.name);
  private readonly cache = new Map<string, Entry>();
  private readonly building = new Map<string, Promise<Entry>>();
  /** Builds started for warming that a search joined. */
  private readonly wanted = new Set<string>();
  private readonly options: BotKnowledgeIndexOptions;
  /** Sequence of announcements heard; per workspace, the last one for it. */
  private seq = 0;
  private readonly changedAt = new Map<string, number>();
  private everythingChangedAt = 0;
  private readonly unsubscribe: (() => void) | null;
  private readonly byIndex = new WeakMap<BotKnowledgeIndex, Entry>();
  /** Bots whose revision is being checked behind their searches. */
  private readonly revalidating = new Set<string>();

  constructor(
    @Inject(VECTOR_STORE) private readonly store: VectorStore,
    @Optional()
    @Inject(BOT_KNOWLEDGE_INDEX_OPTIONS)
    options: Partial<BotKnowledgeIndexOptions> | null = null,
    @Optional() @Inject(KNOWLEDGE_CHANGES) private readonly feed: KnowledgeChangeFeed | null = null,
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...(options ?? {}) };
    this.unsubscribe = feed ? feed.subscribe((change) => this.changed(change)) : null;
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Bytes the cached bots take (estimate), and how many bots hold their vectors in memory. */
  usage(): { bytes: number; bots: number; botsWithVectors: number } {
    let bytes = 0;
    let withVectors = 0;
    for (const entry of this.cache.values()) {
      bytes += entry.bytes;
      if (entry.vectors) withVectors += 1;
    }
    return { bytes, bots: this.cache.size, botsWithVectors: withVectors };
  }

  /**
   * Whether another bot can be built without evicting one: under 80 % of the memory budget and of
   * the chunk limit. Warming stops here, so it never pushes out what it has just built.
   */
  hasRoom(): boolean {
    const { bytes } = this.usage();
    let chunks = 0;
    for (const entry of this.cache.values()) chunks += entry.index.size;
    const { memoryBytes } = this.options;
    return chunks < MAX_CACHED_CHUNKS * 0.8 && (memoryBytes === 0 || bytes < memoryBytes * 0.8);
  }

  /**
   * Builds a bot's index ahead of its searches (warming): kept only if it fits beside everything
   * cached without evicting any of it. The bot's chunk count, or null when it did not fit.
   */
  async warm(space: EmbeddingSpace, scope: VectorScope): Promise<number | null> {
    const key = keyOf(space, scope);
    const cached = this.cache.get(key);
    if (cached) return cached.index.size;
    const seq = this.seq;
    const revision = await this.store.scopeRevision(space, scope);
    const pendingKey = `${key}|${revision}`;
    let build = this.building.get(pendingKey);
    if (!build) {
      build = this.build(space, scope, revision, seq, undefined, 'if-room').finally(() => {
        this.building.delete(pendingKey);
        this.wanted.delete(pendingKey);
      });
      this.building.set(pendingKey, build);
    }
    const entry = await build;
    return this.cache.get(key) === entry ? entry.index.size : null;
  }

  /**
   * Orders the bots warming built (`bots`, hottest first) as recently used, hottest last, yet
   * behind every bot a search used since warming began (`since`): eviction then takes the
   * coldest warmed bot first, and never a bot in use before one nobody has searched yet.
   */
  rankWarmed(bots: readonly { space: EmbeddingSpace; scope: VectorScope }[], since: number): void {
    for (const { space, scope } of [...bots].reverse()) {
      const key = keyOf(space, scope);
      const cached = this.cache.get(key);
      if (cached && cached.searchedAt < since) this.touch(key, cached);
    }
    const searched = [...this.cache].filter(([, entry]) => entry.searchedAt >= since);
    searched.sort(([, a], [, b]) => a.searchedAt - b.searchedAt);
    for (const [key, entry] of searched) this.touch(key, entry);
  }

  async of(space: EmbeddingSpace, scope: VectorScope): Promise<BotKnowledgeIndex> {
    const entry = await this.entryOf(space, scope);
    entry.searchedAt = Date.now();
    return entry.index;
  }

  /**
   * The vector leg: the `topK` nearest chunks of each partition, from the bot's vectors in memory
   * when `knowledge` holds them, else from the store.
   */
  async nearest(
    space: EmbeddingSpace,
    scope: VectorScope,
    knowledge: BotKnowledgeIndex,
    vector: number[],
    topK: number,
  ): Promise<NearestHit[]> {
    const vectors = this.byIndex.get(knowledge)?.vectors;
    if (vectors && vectors.dimensions === vector.length) return vectors.nearest(vector, topK);
    return nearestInPartitions(this.store, { ...scope, space, vector, topK });
  }

  /**
   * The vector leg with the chunks themselves (`nearest`), and the cosines the re-ranker reads for
   * other candidates (those only the full-text leg found): those of the `lendingDepth` nearest of
   * each partition (ADR 0054). In memory they come from the scan's own sums, with no deeper
   * top-k; from the store, the leg asks for `lendingDepth` per partition and keeps its `topK`.
   */
  async vectorLeg(
    space: EmbeddingSpace,
    scope: VectorScope,
    knowledge: BotKnowledgeIndex,
    vector: number[],
    topK: number,
    lendingDepth: number,
  ): Promise<VectorLeg> {
    const vectors = this.byIndex.get(knowledge)?.vectors;
    if (vectors && vectors.dimensions === vector.length) {
      const query = vectors.query(vector, topK);
      return {
        hits: query.hits,
        cosines: (ids) => cosinesBy(ids, (id) => query.cosineOf(id, lendingDepth)),
      };
    }
    const depth = Math.max(topK, lendingDepth);
    const nearest = await nearestInPartitions(this.store, { ...scope, space, vector, topK: depth });
    const taken = new Map<string, number>();
    const hits: VectorLeg['hits'] = [];
    const lent = new Map<string, number>();
    for (const { id, score } of nearest) {
      lent.set(id, score);
      const chunk = knowledge.chunk(id);
      // Each partition's list is best first: its first `topK` are the leg's.
      const count = chunk ? (taken.get(chunk.partition) ?? 0) : topK;
      if (!chunk || count >= topK) continue;
      taken.set(chunk.partition, count + 1);
      hits.push({ id, score, chunk });
    }
    return { hits, cosines: (ids) => cosinesBy(ids, (id) => lent.get(id)) };
  }

  private changed(change: KnowledgeChange | null): void {
    this.seq += 1;
    if (change === null) this.everythingChangedAt = this.seq;
    else this.changedAt.set(workspaceKeyOf(change.space, change.workspaceId), this.seq);
  }

  /** Known current without asking the store: nothing announced for it since its last check. */
  private trusted(entry: Entry, space: EmbeddingSpace, scope: VectorScope): boolean {
    if (!this.feed) return false;
    if (Date.now() - entry.checkedAt > this.options.revalidateMs) return false;
    const changed = Math.max(
      this.everythingChangedAt,
      this.changedAt.get(workspaceKeyOf(spaceKey(space), scope.workspaceId)) ?? 0,
    );
    return entry.checkedSeq >= changed;
  }

  private async entryOf(space: EmbeddingSpace, scope: VectorScope): Promise<Entry> {
    const key = keyOf(space, scope);
    const cached = this.cache.get(key);
    if (cached && this.trusted(cached, space, scope)) {
      const now = Date.now();
      if (now - cached.checkedAt > this.options.revalidateMs / 2 && now >= (cached.aheadAt ?? 0))
        this.revalidateAhead(space, scope, key, cached);
      return this.touch(key, cached);
    }
    return this.checked(space, scope, key);
  }

  /**
   * The store's revision check (and a rebuild if the bot changed) done behind a search rather
   * than in front of one: a bot in use is checked once past half of `revalidateMs`, so a search
   * waits on the store only when the bot was idle for the whole interval or after an
   * announcement. The bound is unchanged: nothing is served unchecked for longer than
   * `revalidateMs`.
   */
  private revalidateAhead(
    space: EmbeddingSpace,
    scope: VectorScope,
    key: string,
    entry: Entry,
  ): void {
    if (this.revalidating.has(key)) return;
    this.revalidating.add(key);
    this.checked(space, scope, key)
      .catch((error: unknown) => {
        // Not again on every search while the store fails: a quarter of the interval later. The
        // search past the interval asks the store itself, and fails there if it must.
        entry.aheadAt = Date.now() + this.options.revalidateMs / 4;
        this.logger.warn(`revalidating bot ${scope.botId} failed: ${String(error)}`);
      })
      .finally(() => this.revalidating.delete(key));
  }

  private async checked(space: EmbeddingSpace, scope: VectorScope, key: string): Promise<Entry> {
    // Taken before the store is asked: an announcement arriving meanwhile makes it stale again.
    const seq = this.seq;
    // Also taken before: the entry is as fresh as the question, not as the store's answer.
    const askedAt = Date.now();
    const revision = await this.store.scopeRevision(space, scope);
    const current = this.cache.get(key);
    if (current && current.index.revision === revision) {
      current.checkedSeq = Math.max(current.checkedSeq, seq);
      current.checkedAt = Math.max(current.checkedAt, askedAt);
      return this.touch(key, current);
    }
    const pendingKey = `${key}|${revision}`;
    const pending = this.building.get(pendingKey);
    if (pending) {
      // A search needs it: kept even if warming started it and it does not fit beside the rest.
      this.wanted.add(pendingKey);
      return pending;
    }
    const build = this.build(space, scope, revision, seq, current?.index).finally(() =>
      this.building.delete(pendingKey),
    );
    this.building.set(pendingKey, build);
    return build;
  }

  private touch(key: string, entry: Entry): Entry {
    // Most recently used last, so eviction takes the oldest.
    this.cache.delete(key);
    this.cache.set(key, entry);
    return entry;
  }

  private async build(
    space: EmbeddingSpace,
    scope: VectorScope,
    revision: string,
    seq: number,
    previous: BotKnowledgeIndex | undefined,
    admission: 'always' | 'if-room' = 'always',
  ): Promise<Entry> {
    const started = performance.now();
    const chunks = await this.store.scanScope(space, scope);
    // In slices: a large bot's analysis (~0.7 s for 10,000 chunks) must not stall other searches.
    const index = await BotKnowledgeIndex.buildInSlices(revision, chunks, previous);
    const { memoryBytes } = this.options;
    const fits =
      memoryBytes > 0 &&
      this.store.scanScopeVectors !== undefined &&
      chunks.length > 0 &&
      BotVectors.bytesFor(chunks.length, space.dimensions) <= memoryBytes * MAX_BOT_SHARE_OF_BUDGET;
    const vectors = fits
      ? BotVectors.of(space.dimensions, await this.store.scanScopeVectors!(space, scope), (id) =>
          index.chunk(id),
        )
      : null;
    const entry: Entry = {
      index,
      vectors,
      bytes: chunkBytes(chunks) + (vectors?.bytes ?? 0),
      checkedSeq: seq,
      checkedAt: Date.now(),
      searchedAt: admission === 'always' ? Date.now() : 0,
    };
    this.byIndex.set(index, entry);
    // Answered but not kept: a build for warming must not push out what is cached.
    const wanted = this.wanted.delete(`${keyOf(space, scope)}|${revision}`);
    if (admission === 'if-room' && !wanted && !this.fitsBeside(entry)) return entry;
    const key = keyOf(space, scope);
    this.cache.delete(key);
    this.cache.set(key, entry);
    this.evict();
    const ms = Math.round(performance.now() - started);
    if (ms > 200)
      this.logger.log(
        `indexed ${chunks.length} chunks of bot ${scope.botId} in ${ms} ms (vectors ${vectors ? 'in memory' : 'in the store'})`,
      );
    return entry;
  }

  private fitsBeside(entry: Entry): boolean {
    let chunks = entry.index.size;
    let bytes = entry.bytes;
    for (const cached of this.cache.values()) {
      chunks += cached.index.size;
      bytes += cached.bytes;
    }
    const { memoryBytes } = this.options;
    return chunks <= MAX_CACHED_CHUNKS && (memoryBytes === 0 || bytes <= memoryBytes);
  }

  private evict(): void {
    const { memoryBytes } = this.options;
    let chunks = 0;
    let bytes = 0;
    for (const entry of this.cache.values()) {
      chunks += entry.index.size;
      bytes += entry.bytes;
    }
    const over = () => chunks > MAX_CACHED_CHUNKS || (memoryBytes > 0 && bytes > memoryBytes);
    for (const [key, entry] of this.cache) {
      if (!over() || this.cache.size <= 1) break;
      this.cache.delete(key);
      chunks -= entry.index.size;
      bytes -= entry.bytes;
    }
  }
}
