import { randomBytes } from 'node:crypto';
import type { KnowledgeSourceStatus } from '@cxgenie/contracts';
import type { TenantConnections } from '@cxgenie/database';

/** A bot written straight to the workspace's data, as the bots API would leave it. */
export async function seedBot(
  tenants: TenantConnections,
  workspaceId: string,
  name = 'Test bot',
): Promise<string> {
  const { models } = await tenants.scope(workspaceId);
  const bot = await models.Bot.create({
    workspaceId,
    name,
    publicKey: `pk_test_${randomBytes(12).toString('hex')}`,
  });
  return bot.id;
}

export interface SeededDocument {
  sourceId: string;
  documentId: string;
}

/** An uploaded document as the loader will leave it: its source, the file row and its chunks. */
export async function seedDocument(
  tenants: TenantConnections,
  workspaceId: string,
  botId: string,
  {
    filename = 'handbook.pdf',
    chunks = 2,
    status = 'ready',
  }: { filename?: string; chunks?: number; status?: KnowledgeSourceStatus } = {},
): Promise<SeededDocument> {
  const { models } = await tenants.scope(workspaceId);
  const source = await models.KnowledgeSource.create({
    workspaceId,
    botId,
    type: 'document',
    name: filename,
    status,
    progress: status === 'ready' ? 100 : 0,
    stats: { chunks },
  });
  const document = await models.Document.create({
    workspaceId,
    botId,
    sourceId: source.id,
    filename,
    mimeType: 'application/pdf',
    sizeBytes: 12_345,
    storageKey: `documents/${workspaceId}/${source.id}/${filename}`,
    sha256: randomBytes(32).toString('hex'),
    pageCount: 3,
  });
  await models.KnowledgeChunk.bulkCreate(
    Array.from({ length: chunks }, (_, position) => ({
      workspaceId,
      botId,
      sourceId: source.id,
      documentId: document.id,
      position,
      text: `${filename} part ${position}`,
      contentHash: randomBytes(16).toString('hex'),
      tokenCount: 4,
    })),
  );
  return { sourceId: source.id, documentId: document.id };
}

/** Chunks of a source, and whether its rows are soft-deleted, read past the API. */
export async function knowledgeRowsOf(
  tenants: TenantConnections,
  workspaceId: string,
  sourceId: string,
) {
  const { models } = await tenants.scope(workspaceId);
  const [chunks, source, documents] = await Promise.all([
    models.KnowledgeChunk.count({ where: { workspaceId, sourceId } }),
    models.KnowledgeSource.findOne({ where: { id: sourceId }, paranoid: false }),
    models.Document.findAll({ where: { sourceId }, paranoid: false }),
  ]);
  return {
    chunks,
    sourceDeleted: source?.deletedAt != null,
    documentsDeleted: documents.map((d) => d.deletedAt != null),
  };
}
