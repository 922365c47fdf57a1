import { Inject, Injectable } from '@nestjs/common';
import type { EmbeddingProvider } from '@cxgenie/embeddings';
import { VECTOR_STORE, type VectorStore } from '@cxgenie/vector-store';
import { EMBEDDING_PROVIDER } from '../../../../core-modules/embeddings/embedding.tokens';
import type { PurgeBotKnowledgeCommand } from './purge-bot-knowledge.command';

/**
 * Removes every chunk of a deleted bot from the vector store (all four partitions). Idempotent:
 * a retried job finds nothing left to remove.
 */
@Injectable()
export class PurgeBotKnowledge {
  constructor(
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
    @Inject(VECTOR_STORE) private readonly store: VectorStore,
  ) {}

  async execute(command: PurgeBotKnowledgeCommand): Promise<void> {
    const { space } = this.embeddings;
    await this.store.ensureSpace(space);
    await this.store.deleteScope(space, { workspaceId: command.workspaceId, botId: command.botId });
  }
}
