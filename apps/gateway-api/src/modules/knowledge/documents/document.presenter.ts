import type { Document, KnowledgeSource } from '@cxgenie/database';
import type { DocumentResponse } from './dto/document.dto';
import type { UploadedDocumentResponse } from './dto/upload.dto';

/** The storage key stays internal: files are only ever served through the API. */
export const presentDocument = (
  document: Document,
  source: KnowledgeSource | undefined,
): DocumentResponse => ({
  id: document.id,
  botId: document.botId,
  sourceId: document.sourceId,
  filename: document.filename,
  mimeType: document.mimeType,
  // BIGINT arrives from pg as a string; documents are far below 2^53 bytes.
  sizeBytes: Number(document.sizeBytes),
  sha256: document.sha256,
  pageCount: document.pageCount,
  source: source ? { status: source.status, progress: source.progress, error: source.error } : null,
  createdAt: document.createdAt,
  updatedAt: document.updatedAt,
});

export const presentUpload = ({
  source,
  document,
}: {
  source: KnowledgeSource;
  document: Document;
}): UploadedDocumentResponse => ({
  sourceId: source.id,
  documentId: document.id,
  filename: document.filename,
  mimeType: document.mimeType,
  sizeBytes: Number(document.sizeBytes),
  sha256: document.sha256,
  status: source.status,
});
