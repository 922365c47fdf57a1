import { type EmbeddingSpace, spaceKey } from '@cxgenie/embeddings';

/** Knowledge of a workspace changed in one embedding space (any bot of it: a move between bots counts). */
export interface KnowledgeChange {
  /** `model@dimensions` of the space written. */
  space: string;
  workspaceId: string;
}

/**
 * Knowledge writes announced to every process that caches knowledge. `null` means "anything may
 * have changed" (the feed was disconnected and may have missed announcements).
 */
export interface KnowledgeChangeFeed {
  publish(change: KnowledgeChange): void;
  subscribe(listener: (change: KnowledgeChange | null) => void): () => void;
}

/** The process's knowledge change feed (Redis pub/sub in the services); absent in bare tests. */
export const KNOWLEDGE_CHANGES = Symbol('KNOWLEDGE_CHANGES');

export const knowledgeChangeOf = (space: EmbeddingSpace, workspaceId: string): KnowledgeChange => ({
  space: spaceKey(space),
  workspaceId,
});

/** In-process only: for one process, and for tests that drive the feed by hand. */
export class LocalKnowledgeChangeFeed implements KnowledgeChangeFeed {
  private readonly listeners = new Set<(change: KnowledgeChange | null) => void>();

  publish(change: KnowledgeChange | null): void {
    for (const listener of this.listeners) listener(change);
  }

  subscribe(listener: (change: KnowledgeChange | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
