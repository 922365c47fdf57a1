import { Injectable } from '@nestjs/common';
import type { Document, KnowledgeSource, TenantScope } from '@cxgenie/database';

export interface DocumentIntakeRow {
  sourceId: string;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

export interface IntakeRecord {
  source: KnowledgeSource;
  document: Document;
}

/** Document sources with their document rows. */
@Injectable()
export class DocumentSourceRepository {
  /** Every file of one upload: its source and its document row, all or none. */
  async createUploads(
    scope: TenantScope,
    botId: string,
    rows: DocumentIntakeRow[],
  ): Promise<IntakeRecord[]> {
    const { KnowledgeSource, Document } = scope.models;
    const { workspaceId } = scope;
    return scope.sequelize.transaction(async (transaction) => {
      const records: IntakeRecord[] = [];
      for (const row of rows) {
        const source = await KnowledgeSource.create(
          {
            id: row.sourceId,
            workspaceId,
            botId,
            type: 'document',
            name: row.filename,
            status: 'queued',
            progress: 0,
          },
          { transaction },
        );
        const document = await Document.create(
          {
            workspaceId,
            botId,
            sourceId: row.sourceId,
            filename: row.filename,
            mimeType: row.mimeType,
            sizeBytes: row.sizeBytes,
            sha256: row.sha256,
            storageKey: row.storageKey,
          },
          { transaction },
        );
        records.push({ source, document });
      }
      return records;
    });
  }

  /** The source's documents, in upload order (one for an upload; none for a website). */
  documentsOf(scope: TenantScope, sourceId: string): Promise<Document[]> {
    return scope.models.Document.findAll({
      where: { workspaceId: scope.workspaceId, sourceId },
      order: [['createdAt', 'ASC']],
    });
  }
}
