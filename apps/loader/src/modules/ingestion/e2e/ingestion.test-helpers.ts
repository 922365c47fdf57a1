/*
 * Driving a booted loader the way gateway-api does: rows in PostgreSQL, the file in storage, a job
 * on `loader.ingest`; and watching it the way a dashboard does: the row and the progress channel.
 */
import { createHash, randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bull';
import { QueryTypes, type Sequelize } from 'sequelize';
import {
  type KnowledgeSourceProgressEvent,
  type KnowledgeSourceStats,
  type KnowledgeSourceStatus,
  type LoaderIngestJobData,
  QueueNames,
  ServerEvents,
} from '@cxgenie/contracts';
import { DATABASE } from '@cxgenie/database';
import { withTraceId } from '@cxgenie/observability';
import { type FileStorage, STORAGE } from '@cxgenie/storage';
import { RealtimeProbe, eventually, seedBotAndChannel, seedWorkspace } from '@cxgenie/testing';

export interface Bot {
  workspaceId: string;
  botId: string;
}

export async function seedBot(sequelize: Sequelize, label: string): Promise<Bot> {
  const workspaceId = await seedWorkspace(sequelize, `${label}-${randomUUID().slice(0, 8)}`);
  const { botId } = await seedBotAndChannel(sequelize, workspaceId);
  return { workspaceId, botId };
}

export interface UploadedFile {
  filename: string;
  mimeType: string;
  bytes: Buffer;
}

/** What intake does for an upload: source and document rows, the file stored, the job data. */
export async function seedDocumentSource(
  sequelize: Sequelize,
  storage: FileStorage,
  bot: Bot,
  file: UploadedFile,
): Promise<LoaderIngestJobData> {
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const [source] = await sequelize.query<{ id: string }>(
    `INSERT INTO knowledge_sources (workspace_id, bot_id, type, name, status)
     VALUES ($1, $2, 'document', $3, 'queued') RETURNING id`,
    { bind: [bot.workspaceId, bot.botId, file.filename], type: QueryTypes.SELECT },
  );
  const storageKey = `${bot.workspaceId}/${source!.id}/${sha256}`;
  await storage.put(storageKey, file.bytes, file.mimeType);
  const [document] = await sequelize.query<{ id: string }>(
    `INSERT INTO documents (workspace_id, source_id, bot_id, filename, mime_type, size_bytes, storage_key, sha256)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    {
      bind: [
        bot.workspaceId,
        source!.id,
        bot.botId,
        file.filename,
        file.mimeType,
        file.bytes.length,
        storageKey,
        sha256,
      ],
      type: QueryTypes.SELECT,
    },
  );
  return withTraceId({
    ...bot,
    sourceId: source!.id,
    kind: 'document' as const,
    reason: 'created' as const,
    document: {
      documentId: document!.id,
      storageKey,
      filename: file.filename,
      mimeType: file.mimeType,
      sizeBytes: file.bytes.length,
    },
  });
}

export async function seedWebsiteSource(
  sequelize: Sequelize,
  bot: Bot,
  website: NonNullable<LoaderIngestJobData['website']>,
): Promise<LoaderIngestJobData> {
  const [source] = await sequelize.query<{ id: string }>(
    `INSERT INTO knowledge_sources (workspace_id, bot_id, type, name, status, config)
     VALUES ($1, $2, 'website', $3, 'queued', $4) RETURNING id`,
    {
      bind: [
        bot.workspaceId,
        bot.botId,
        website.startUrl,
        JSON.stringify({ url: website.startUrl }),
      ],
      type: QueryTypes.SELECT,
    },
  );
  return withTraceId({
    ...bot,
    sourceId: source!.id,
    kind: 'website' as const,
    reason: 'created' as const,
    website,
  });
}

/** A booted loader's own handles: its database, storage and ingest queue. */
export function handlesOf(app: INestApplication) {
  return {
    sequelize: app.get<Sequelize>(DATABASE),
    storage: app.get<FileStorage>(STORAGE),
    queue: app.get<Queue<LoaderIngestJobData>>(getQueueToken(QueueNames.LoaderIngest)),
  };
}

export interface SourceRow {
  status: KnowledgeSourceStatus;
  progress: number;
  error: string | null;
  stats: KnowledgeSourceStats;
}

export async function sourceRow(sequelize: Sequelize, sourceId: string): Promise<SourceRow> {
  const [row] = await sequelize.query<SourceRow>(
    'SELECT status, progress, error, stats FROM knowledge_sources WHERE id = $1',
    { bind: [sourceId], type: QueryTypes.SELECT },
  );
  if (!row) throw new Error(`no source ${sourceId}`);
  return row;
}

/** Waits until the source is `ready` or `failed`, and returns its row. */
export function settled(
  sequelize: Sequelize,
  sourceId: string,
  timeoutMs = 30_000,
): Promise<SourceRow> {
  return eventually(
    async () => {
      const row = await sourceRow(sequelize, sourceId);
      if (row.status !== 'ready' && row.status !== 'failed') {
        throw new Error(`source ${sourceId} is ${row.status} at ${row.progress}%`);
      }
      return row;
    },
    timeoutMs,
    100,
  );
}

export interface ChunkRow {
  id: string;
  position: number;
  text: string;
  content_hash: string;
  token_count: number;
  document_id: string | null;
  metadata: { title: string; headingPath: string; page: number | null; url: string | null };
  created_at: Date;
}

export function chunkRows(sequelize: Sequelize, sourceId: string): Promise<ChunkRow[]> {
  return sequelize.query<ChunkRow>(
    `SELECT id, position, text, content_hash, token_count, document_id, metadata, created_at
       FROM knowledge_chunks WHERE source_id = $1 ORDER BY position`,
    { bind: [sourceId], type: QueryTypes.SELECT },
  );
}

/** Progress events the loader broadcast to the dashboards, by source, as a gateway would relay them. */
export class ProgressListener {
  private constructor(private readonly probe: RealtimeProbe) {}

  static async start(): Promise<ProgressListener> {
    return new ProgressListener(await RealtimeProbe.start());
  }

  of(sourceId: string): KnowledgeSourceProgressEvent[] {
    return this.probe
      .of(ServerEvents.KnowledgeSourceProgress)
      .filter((event) => event.sourceId === sourceId);
  }

  async close(): Promise<void> {
    await this.probe.close();
  }
}
