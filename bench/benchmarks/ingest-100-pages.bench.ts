import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Bull from 'bull';
import PDFDocument from 'pdfkit';
import { QueryTypes, type Sequelize } from 'sequelize';
import { type LoaderIngestJobData, QueueNames } from '@cxgenie/contracts';
import { LocalFileStorage } from '@cxgenie/storage';
import { seedBotAndChannel, seedWorkspace, spawnService } from '@cxgenie/testing';
import { type Benchmark, round } from '../benchmark';
import { openBenchDatabase } from '../datasets/bench-database';
import { SUPPORT_ANSWERS } from '../datasets/support-answers';
import { deleteKeys } from '../redis-keys';

const PAGES = 100;
const LINES_PER_PAGE = 38;
const DATA_DIR = join(__dirname, '..', '..', '.data', 'bench', 'ingest');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:56379';

const sentences = SUPPORT_ANSWERS.flatMap((answer) =>
  answer.text
    .replace(/[*#`]/g, '')
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.replace(/\s+/g, ' ').trim()),
).filter((s) => s.length > 30);

/** A line of a page: text wrapped at about 90 characters, as a typeset page would be. */
function pageLines(page: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let i = 0; lines.length < LINES_PER_PAGE; i++) {
    for (const word of sentences[(page * 11 + i * 5) % sentences.length]!.split(' ')) {
      if (line.length + word.length + 1 > 90) {
        lines.push(line);
        line = '';
      }
      line = line ? `${line} ${word}` : word;
    }
  }
  return lines;
}

/**
 * A 100-page handbook PDF: running header, a numbered section title per page, ~38 lines of
 * support prose (~450 words) and a page-number footer. The run id in every title makes each run's
 * chunks new to the embedding cache, so the first run really embeds.
 */
async function handbook(runId: string): Promise<Buffer> {
  const doc = new PDFDocument({
    margins: { top: 20, bottom: 20, left: 60, right: 60 },
    autoFirstPage: false,
  });
  const parts: Buffer[] = [];
  doc.on('data', (part: Buffer) => parts.push(part));
  const ended = new Promise<void>((done) => doc.on('end', () => done()));
  for (let page = 1; page <= PAGES; page++) {
    doc.addPage();
    doc.fontSize(8).text('Customer Support Handbook — internal', 60, 28);
    doc
      .fontSize(13)
      .text(`${page}. ${SUPPORT_ANSWERS[page % SUPPORT_ANSWERS.length]!.topic} (${runId})`, 60, 60);
    doc.fontSize(10);
    pageLines(page).forEach((line, i) => doc.text(line, 60, 90 + i * 17, { lineBreak: false }));
    doc.fontSize(8).text(`Page ${page} of ${PAGES}`, 60, 760);
  }
  doc.end();
  await ended;
  return Buffer.concat(parts);
}

const statusMb = (pid: number, field: 'VmHWM' | 'VmRSS' | 'RssAnon'): number => {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
    readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  return match ? Number(match[1]) / 1024 : Number.NaN;
};

/** Peak resident set of a process since it started (Linux). */
const peakRssMb = (pid: number): number => statusMb(pid, 'VmHWM');
const currentRssMb = (pid: number): number => statusMb(pid, 'VmRSS');

/**
 * The largest private (anonymous) resident memory seen while `work` runs. VmHWM also counts
 * file-backed pages, half of them LanceDB's 180 MB native library, mapped once and shared.
 */
async function peakPrivateMb<T>(pid: number, work: () => Promise<T>): Promise<[T, number]> {
  let peak = statusMb(pid, 'RssAnon');
  const timer = setInterval(() => (peak = Math.max(peak, statusMb(pid, 'RssAnon'))), 25);
  try {
    const result = await work();
    return [result, Math.max(peak, statusMb(pid, 'RssAnon'))];
  } finally {
    clearInterval(timer);
  }
}

async function waitUntilSettled(
  sequelize: Sequelize,
  sourceId: string,
): Promise<{ chunks: number }> {
  for (;;) {
    const [row] = await sequelize.query<{
      status: string;
      error: string | null;
      stats: { chunks?: number };
    }>('SELECT status, error, stats FROM knowledge_sources WHERE id = $1', {
      bind: [sourceId],
      type: QueryTypes.SELECT,
    });
    if (row?.status === 'ready') return { chunks: row.stats.chunks ?? 0 };
    if (row?.status === 'failed') throw new Error(`ingestion failed: ${row.error}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/**
 * One 100-page PDF end to end through a loader process with the local embedding provider:
 * storage → extraction → cleaning → chunking → embedding → LanceDB and PostgreSQL. Then the same
 * file uploaded again (every embedding reused from the cache).
 */
export const ingest100Pages: Benchmark = {
  name: 'ingest-100-pages',
  description: `a generated ${PAGES}-page PDF ingested by a loader process (local embeddings, LanceDB), then re-uploaded`,
  async run() {
    const db = await openBenchDatabase();
    const prefix = `bench-ingest-${randomBytes(4).toString('hex')}`;
    const loader = await spawnService('loader', {
      DATABASE_URL: db.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR,
      LOG_LEVEL: 'warn',
      EMBEDDING_PROVIDER: 'local',
      LOADER_METRICS_PORT: '0',
    });
    const queue = new Bull<LoaderIngestJobData>(QueueNames.LoaderIngest, {
      redis: REDIS_URL,
      prefix,
    });
    const storage = new LocalFileStorage(join(resolve(DATA_DIR), 'uploads'));
    const sources: string[] = [];
    try {
      const workspaceId = await seedWorkspace(db.sequelize, 'ingest bench');
      const { botId } = await seedBotAndChannel(db.sequelize, workspaceId);
      const upload = async (
        bytes: Buffer,
        filename = 'handbook.pdf',
        mimeType = 'application/pdf',
      ): Promise<{ seconds: number; chunks: number }> => {
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const [source] = await db.sequelize.query<{ id: string }>(
          `INSERT INTO knowledge_sources (workspace_id, bot_id, type, name) VALUES ($1, $2, 'document', $3) RETURNING id`,
          { bind: [workspaceId, botId, filename], type: QueryTypes.SELECT },
        );
        const sourceId = source!.id;
        sources.push(sourceId);
        const storageKey = `${workspaceId}/${sourceId}/${sha256}`;
        await storage.put(storageKey, bytes, mimeType);
        const [document] = await db.sequelize.query<{ id: string }>(
          `INSERT INTO documents (workspace_id, source_id, bot_id, filename, mime_type, size_bytes, storage_key, sha256)
           VALUES ($1, $2, $3, 'handbook.pdf', 'application/pdf', $4, $5, $6) RETURNING id`,
          {
            bind: [workspaceId, sourceId, botId, bytes.length, storageKey, sha256],
            type: QueryTypes.SELECT,
          },
        );
        const started = performance.now();
        await queue.add({
          workspaceId,
          botId,
          sourceId,
          kind: 'document',
          reason: 'created',
          traceId: randomBytes(16).toString('hex'),
          document: {
            documentId: document!.id,
            storageKey,
            filename,
            mimeType,
            sizeBytes: bytes.length,
          },
        });
        const { chunks } = await waitUntilSettled(db.sequelize, sourceId);
        return { seconds: (performance.now() - started) / 1000, chunks };
      };

      // Not measured: a running loader has its code paths warm and the vector table built.
      await upload(
        Buffer.from(`# Warm-up ${randomBytes(4).toString('hex')}\n\nNot measured.`),
        'warm-up.md',
        'text/markdown',
      );
      const idle = currentRssMb(loader.process.pid!);
      const bytes = await handbook(randomBytes(3).toString('hex'));
      const [first, privatePeak] = await peakPrivateMb(loader.process.pid!, () => upload(bytes));
      const peak = peakRssMb(loader.process.pid!);
      const again = await upload(bytes);
      return {
        pages: PAGES,
        chunks: first.chunks,
        total_s: round(first.seconds),
        pages_per_s: round(PAGES / first.seconds, 1),
        chunks_per_s: round(first.chunks / first.seconds, 1),
        peak_rss_mb: round(Math.max(peak, peakRssMb(loader.process.pid!)), 0),
        // What the loader holds before the document: mostly the TypeScript dev runner (ts-node).
        idle_rss_mb: round(idle, 0),
        peak_private_mb: round(privatePeak, 0),
        reupload_s: round(again.seconds),
        reupload_ratio: round(again.seconds / first.seconds, 3),
      };
    } finally {
      await queue.close();
      await loader.kill('SIGTERM');
      await deleteKeys(REDIS_URL, `${prefix}:*`);
      if (sources.length > 0) {
        await db.sequelize.query('DELETE FROM knowledge_chunks WHERE source_id = ANY($1::uuid[])', {
          bind: [sources],
        });
      }
      await db.sequelize.close();
      rmSync(DATA_DIR, { recursive: true, force: true });
    }
  },
};
