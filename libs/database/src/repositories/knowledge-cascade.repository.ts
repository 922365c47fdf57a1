import type { TenantScope } from '../tenancy/tenant-scope';

/**
 * Removes a knowledge source or document together with everything derived from it, in one
 * transaction, so retrieval never sees chunks whose source is gone. Chunks are deleted outright
 * (they are recomputable and must stop answering at once); documents and sources are soft-deleted
 * so an operator can still recover them.
 */
export class KnowledgeCascadeRepository {
  async removeSource(scope: TenantScope, sourceId: string): Promise<void> {
    const { KnowledgeChunk, Document, KnowledgeSource } = scope.models;
    const { workspaceId } = scope;
    await scope.sequelize.transaction(async (transaction) => {
      await KnowledgeChunk.destroy({ where: { workspaceId, sourceId }, transaction });
      await Document.destroy({ where: { workspaceId, sourceId }, transaction });
      await KnowledgeSource.destroy({ where: { workspaceId, id: sourceId }, transaction });
    });
  }

  /** A document is its source's only content, so the source goes with it. */
  async removeDocument(
    scope: TenantScope,
    document: { id: string; sourceId: string },
  ): Promise<void> {
    const { KnowledgeChunk, Document, KnowledgeSource } = scope.models;
    const { workspaceId } = scope;
    await scope.sequelize.transaction(async (transaction) => {
      await KnowledgeChunk.destroy({
        where: { workspaceId, documentId: document.id },
        transaction,
      });
      await Document.destroy({ where: { workspaceId, id: document.id }, transaction });
      await KnowledgeSource.destroy({ where: { workspaceId, id: document.sourceId }, transaction });
    });
  }
}
