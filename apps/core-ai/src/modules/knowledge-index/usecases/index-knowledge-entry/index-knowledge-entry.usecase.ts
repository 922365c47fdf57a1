import { Inject, Injectable } from '@nestjs/common';
import { PARTITION_OF_SOURCE_TYPE } from '@cxgenie/contracts';
import { TenantConnections, type TenantScope } from '@cxgenie/database';
import type { EmbeddingProvider } from '@cxgenie/embeddings';
import { chunkHash, contextualChunkText } from '@cxgenie/text-processing';
import { VECTOR_STORE, type VectorRecord, type VectorStore } from '@cxgenie/vector-store';
import { EMBEDDING_PROVIDER } from '../../../../core-modules/embeddings/embedding.tokens';
import { type EntryContent, entryPieces, faqContent, snippetContent } from '../../entry-content';
import type { IndexKnowledgeEntryCommand } from './index-knowledge-entry.command';

/** Titles are labels in citations; the store caps them, a long FAQ question is cut. */
const MAX_TITLE_CHARS = 300;

/**
 * Brings the vector index in line with a FAQ or snippet as it is now: re-embeds it when it exists,
 * removes its vectors when it was deleted. Old chunks of the entry are removed before the new ones
 * are written, so an edit that shortens a snippet leaves no stale tail behind.
 */
@Injectable()
export class IndexKnowledgeEntry {
  constructor(
    private readonly tenants: TenantConnections,
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
    @Inject(VECTOR_STORE) private readonly store: VectorStore,
  ) {}

  /** Returns how many chunks are indexed for the entry afterwards. */
  async execute(command: IndexKnowledgeEntryCommand): Promise<number> {
    const scope = await this.tenants.scope(command.workspaceId);
    const { space } = this.embeddings;
    await this.store.ensureSpace(space);
    const vectorScope = { workspaceId: command.workspaceId, botId: command.botId };
    const content = await this.load(scope, command);
    await this.store.deleteBySource(space, vectorScope, command.entryId);
    if (!content) return 0;

    const pieces = entryPieces(content);
    // A chunk from the middle of a snippet rarely names its topic: the title travels with it.
    const vectors = await this.embeddings.embed(
      pieces.map((piece) => contextualChunkText({ title: content.title, ...piece })),
    );
    const now = Date.now();
    const records: VectorRecord[] = pieces.map((piece, i) => ({
      id: `${command.entryId}:${i}`,
      ...vectorScope,
      partition: PARTITION_OF_SOURCE_TYPE[command.sourceType],
      sourceId: command.entryId,
      documentId: null,
      chunkHash: chunkHash(piece.text),
      title: content.title.slice(0, MAX_TITLE_CHARS),
      headingPath: piece.headingPath,
      position: piece.position,
      text: piece.text,
      tokenCount: piece.tokenCount,
      createdAt: now,
      updatedAt: content.updatedAt.getTime(),
      vector: vectors[i]!,
    }));
    await this.store.upsert(space, records);
    return records.length;
  }

  private async load(
    scope: TenantScope,
    { sourceType, entryId, botId }: IndexKnowledgeEntryCommand,
  ): Promise<EntryContent | null> {
    const where = { id: entryId, botId, workspaceId: scope.workspaceId };
    if (sourceType === 'faq') {
      const faq = await scope.models.Faq.findOne({ where });
      return faq ? faqContent(faq) : null;
    }
    const snippet = await scope.models.Snippet.findOne({ where });
    return snippet ? snippetContent(snippet) : null;
  }
}
