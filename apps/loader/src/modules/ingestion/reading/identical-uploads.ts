import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import type { TenantScope } from '@cxgenie/database';
import type { ChunkMetadata } from '../indexing/indexed-chunks.repository';
import { titleFromFilename } from './document-title';

/** The chunks of an identical file already processed in the workspace. */
export interface EarlierExtraction {
  pages: number;
  /** The title the content gave itself (an HTML `<title>`); null when it came from the file name. */
  contentTitle: string | null;
  chunks: {
    position: number;
    text: string;
    headingPath: string;
    tokenCount: number;
    page: number | null;
  }[];
}

interface DonorRow {
  document_id: string;
  filename: string;
  chunks: string | null;
  pages: string | null;
}

interface DonorChunkRow {
  position: number;
  text: string;
  token_count: number;
  metadata: Partial<ChunkMetadata> & { pipeline?: string };
}

/**
 * The same file uploaded again (to another bot, or after deleting it) needs no extraction or
 * chunking: a `ready` source in the same workspace holding a document with the same SHA-256,
 * chunked by the same pipeline, already has the chunks. Only its own workspace is looked at, so no
 * text ever crosses tenants.
 */
@Injectable()
export class IdenticalUploads {
  async find(
    scope: TenantScope,
    upload: { documentId: string; sha256: string; pipeline: string },
  ): Promise<EarlierExtraction | null> {
    const [donor] = await scope.sequelize.query<DonorRow>(
      `SELECT d.id AS document_id, d.filename, s.stats->>'chunks' AS chunks, s.stats->>'pages' AS pages
         FROM documents d JOIN knowledge_sources s ON s.id = d.source_id
        WHERE d.workspace_id = $1 AND d.sha256 = $2 AND d.id <> $3
          AND d.deleted_at IS NULL AND s.deleted_at IS NULL AND s.status = 'ready'
        ORDER BY s.updated_at DESC LIMIT 1`,
      { bind: [scope.workspaceId, upload.sha256, upload.documentId], type: QueryTypes.SELECT },
    );
    if (!donor || donor.chunks === null || donor.pages === null) return null;
    const rows = await scope.sequelize.query<DonorChunkRow>(
      `SELECT position, text, token_count, metadata FROM knowledge_chunks
        WHERE workspace_id = $1 AND document_id = $2 ORDER BY position`,
      { bind: [scope.workspaceId, donor.document_id], type: QueryTypes.SELECT },
    );
    const complete =
      rows.length === Number(donor.chunks) &&
      rows.length > 0 &&
      rows.every((row, i) => row.position === i && row.metadata.pipeline === upload.pipeline);
    if (!complete) return null;
    const title = rows[0]!.metadata.title ?? '';
    return {
      pages: Number(donor.pages),
      contentTitle: title === titleFromFilename(donor.filename) ? null : title,
      chunks: rows.map((row) => ({
        position: row.position,
        text: row.text,
        headingPath: row.metadata.headingPath ?? '',
        tokenCount: row.token_count,
        page: row.metadata.page ?? null,
      })),
    };
  }
}
