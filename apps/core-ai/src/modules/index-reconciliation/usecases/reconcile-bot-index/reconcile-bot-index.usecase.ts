import { Inject, Injectable, Logger } from '@nestjs/common';
import type { KnowledgeIndexReport } from '@cxgenie/contracts';
import { TenantConnections, type TenantScope, WorkspaceNotFoundError } from '@cxgenie/database';
import { type EmbeddingProvider, spaceKey } from '@cxgenie/embeddings';
import { chunkEmbeddingText } from '@cxgenie/text-processing';
import { VECTOR_STORE, type VectorStore, knowledgeChunkRecord } from '@cxgenie/vector-store';
import { EMBEDDING_PROVIDER } from '../../../../core-modules/embeddings/embedding.tokens';
import { IndexKnowledgeEntry } from '../../../knowledge-index/usecases/index-knowledge-entry/index-knowledge-entry.usecase';
import { type BotRef, BotKnowledgeReader, type ExpectedIndex } from '../../bot-knowledge.reader';
import { IndexReconciliationException } from '../../index-reconciliation.exception';
import { IndexStatusStore, unknownReport } from '../../index-status.store';
import type { ReconcileBotIndexCommand } from './reconcile-bot-index.command';

/** Chunks embedded and written per batch when repairing. */
const REPAIR_BATCH = 100;

interface Difference {
  missing: string[];
  orphans: string[];
}

/**
 * Brings one bot's vector index in line with PostgreSQL: writes again every record PostgreSQL
 * says should exist and the store lacks (a new or restored store volume, a lost write), and
 * removes records no source of the bot accounts for (a source deleted while its vectors could not
 * be). Sources the loader is ingesting are left alone. Every step is idempotent, so a run that
 * fails half-way is finished by the next one.
 */
@Injectable()
export class ReconcileBotIndex {
  private readonly logger = new Logger(ReconcileBotIndex.name);

  constructor(
    private readonly tenants: TenantConnections,
    private readonly reader: BotKnowledgeReader,
    private readonly status: IndexStatusStore,
    private readonly indexEntry: IndexKnowledgeEntry,
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
    @Inject(VECTOR_STORE) private readonly store: VectorStore,
  ) {}

  async execute(command: ReconcileBotIndexCommand): Promise<KnowledgeIndexReport> {
    const scope = await this.tenants.scope(command.workspaceId).catch((error: unknown) => {
      throw error instanceof WorkspaceNotFoundError
        ? IndexReconciliationException.botNotFound()
        : error;
    });
    if (!(await this.reader.botExists(scope, command.botId)))
      throw IndexReconciliationException.botNotFound();
    return this.reconcile(scope, command);
  }

  /**
   * For a bot already known to exist (the sweep over every bot). An abort stops the repair
   * between two batches; what was written stays, and the next check finishes it.
   */
  async reconcile(
    scope: TenantScope,
    bot: BotRef,
    signal?: AbortSignal,
  ): Promise<KnowledgeIndexReport> {
    const report: KnowledgeIndexReport = { ...unknownReport(bot.workspaceId, bot.botId) };
    try {
      const { space } = this.embeddings;
      await this.store.ensureSpace(space);
      const expected = await this.reader.expected(scope, bot.botId, spaceKey(space));
      const stored = await this.store.listRecordKeys(space, bot);
      const difference = compare(expected, stored);
      Object.assign(report, {
        expected: expected.records.size,
        missing: difference.missing.length,
        orphans: difference.orphans.length,
        sourcesInFlight: expected.inFlight.size,
        chunksInOtherSpaces: expected.chunksInOtherSpaces,
      });
      report.repaired = await this.writeMissing(scope, bot, expected, difference.missing, signal);
      await this.store.deleteRecords(space, bot, difference.orphans);
      report.removed = difference.orphans.length;
      report.state = 'complete';
      if (report.missing + report.orphans > 0) {
        this.logger.warn(
          `bot ${bot.botId}: index repaired (${report.repaired} of ${report.missing} missing records written, ${report.removed} orphans removed)`,
        );
      }
    } catch (error) {
      report.state = 'incomplete';
      report.error = error instanceof Error ? error.message : String(error);
      this.logger.error(`bot ${bot.botId}: index could not be reconciled: ${report.error}`);
    }
    report.checkedAt = new Date().toISOString();
    await this.status.save(report).catch((error: Error) => {
      this.logger.warn(`bot ${bot.botId}: index status not saved: ${error.message}`);
    });
    return report;
  }

  /** FAQs and snippets are re-indexed whole; loader chunks are rebuilt from their rows. */
  private async writeMissing(
    scope: TenantScope,
    bot: BotRef,
    expected: ExpectedIndex,
    missing: readonly string[],
    signal?: AbortSignal,
  ): Promise<number> {
    let written = 0;
    const entries = new Set<string>();
    const chunks: { sourceId: string; position: number }[] = [];
    for (const id of missing) {
      const record = expected.records.get(id)!;
      if (record.kind === 'entry') entries.add(record.sourceId);
      else chunks.push({ sourceId: record.sourceId, position: positionOf(id) });
    }
    for (const entryId of entries) {
      signal?.throwIfAborted();
      const { type } = expected.entries.get(entryId)!;
      await this.indexEntry.execute({ ...bot, sourceType: type, entryId });
    }
    written += missing.length - chunks.length;
    const { space } = this.embeddings;
    for (let start = 0; start < chunks.length; start += REPAIR_BATCH) {
      signal?.throwIfAborted();
      const rows = await this.reader.chunks(scope, bot, chunks.slice(start, start + REPAIR_BATCH));
      const vectors = await this.embeddings.embed(rows.map(chunkEmbeddingText));
      const now = Date.now();
      await this.store.upsert(
        space,
        rows.map((row, i) => knowledgeChunkRecord(row, vectors[i]!, now)),
      );
      written += rows.length;
    }
    return written;
  }
}

const positionOf = (recordId: string): number =>
  Number(recordId.slice(recordId.lastIndexOf(':') + 1));

/**
 * Missing: expected and not stored. Orphans: stored, not expected, and not the loader's current
 * work. A live FAQ or snippet with records beyond its pieces is re-indexed whole (its extra
 * records go with the rewrite), so those count as missing work rather than orphans.
 */
function compare(
  expected: ExpectedIndex,
  stored: readonly { id: string; sourceId: string }[],
): Difference {
  const storedIds = new Set(stored.map((record) => record.id));
  const missing = new Set([...expected.records.keys()].filter((id) => !storedIds.has(id)));
  const orphans: string[] = [];
  for (const record of stored) {
    if (expected.records.has(record.id) || expected.inFlight.has(record.sourceId)) continue;
    // A stale extra piece of a live FAQ or snippet: rewriting the entry removes it.
    if (expected.entries.has(record.sourceId)) missing.add(`${record.sourceId}:0`);
    else orphans.push(record.id);
  }
  return { missing: [...missing], orphans };
}
