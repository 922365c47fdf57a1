import { Injectable } from '@nestjs/common';
import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { TenantScope } from '@cxgenie/database';
import type { PreparedChunk } from './prepared-chunk';

export interface SourceRef {
  workspaceId: string;
  botId: string;
  sourceId: string;
}

export interface StoredChunk {
  fingerprint: string;
  space: string;
}

/** What `knowledge_chunks.metadata` holds for a chunk the loader wrote. */
export interface ChunkMetadata {
  title: string;
  headingPath: string;
  page: number | null;
  url: string | null;
  /** Embedding space of the chunk's vector (`model@dimensions`). */
  space: string;
  fingerprint: string;
  /** `pipelineKey` of the run that wrote the chunk. */
  pipeline: string;
}

/**
 * The source's chunks in PostgreSQL: what the dashboard lists, and the loader's record of which
 * positions are indexed. A batch's rows are written only after its vectors are in the store, so a
 * row always means "this position is searchable as written".
 */
@Injectable()
export class IndexedChunksRepository {
  /** Fingerprint and embedding space of every stored position of the source. */
  async stored(scope: TenantScope, source: SourceRef): Promise<Map<number, StoredChunk>> {
    const rows = await scope.sequelize.query<{
      position: number;
      fingerprint: string | null;
      space: string | null;
    }>(
      `SELECT position, metadata->>'fingerprint' AS fingerprint, metadata->>'space' AS space
         FROM knowledge_chunks WHERE workspace_id = $1 AND source_id = $2`,
      { bind: [source.workspaceId, source.sourceId], type: QueryTypes.SELECT },
    );
    return new Map(
      rows.map((row) => [
        row.position,
        { fingerprint: row.fingerprint ?? '', space: row.space ?? '' },
      ]),
    );
  }

  /** Embedding spaces the source's stored chunks were indexed in. */
  async spaces(scope: TenantScope, source: SourceRef): Promise<string[]> {
    const rows = await scope.sequelize.query<{ space: string }>(
      `SELECT DISTINCT metadata->>'space' AS space FROM knowledge_chunks
        WHERE workspace_id = $1 AND source_id = $2 AND metadata->>'space' IS NOT NULL`,
      { bind: [source.workspaceId, source.sourceId], type: QueryTypes.SELECT },
    );
    return rows.map((row) => row.space);
  }

  /** Replaces the rows at the batch's positions. */
  async saveBatch(
    scope: TenantScope,
    source: SourceRef,
    chunks: readonly { chunk: PreparedChunk; metadata: ChunkMetadata }[],
    transaction: Transaction,
  ): Promise<void> {
    const { KnowledgeChunk } = scope.models;
    await KnowledgeChunk.destroy({
      where: {
        workspaceId: source.workspaceId,
        sourceId: source.sourceId,
        position: chunks.map(({ chunk }) => chunk.position),
      },
      transaction,
    });
    await KnowledgeChunk.bulkCreate(
      chunks.map(({ chunk, metadata }) => ({
        workspaceId: source.workspaceId,
        botId: source.botId,
        sourceId: source.sourceId,
        documentId: chunk.documentId,
        position: chunk.position,
        text: chunk.text,
        contentHash: chunk.contentHash,
        tokenCount: chunk.tokenCount,
        metadata: { ...metadata },
      })),
      { transaction },
    );
  }

  /** Rows from `position` on: what a previous, longer version of the source left behind. */
  async removeFrom(scope: TenantScope, source: SourceRef, position: number): Promise<void> {
    await scope.models.KnowledgeChunk.destroy({
      where: {
        workspaceId: source.workspaceId,
        sourceId: source.sourceId,
        position: { [Op.gte]: position },
      },
    });
  }

  async removeAll(scope: TenantScope, source: SourceRef): Promise<void> {
    await scope.models.KnowledgeChunk.destroy({
      where: { workspaceId: source.workspaceId, sourceId: source.sourceId },
    });
  }
}
