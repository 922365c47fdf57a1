import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import { PARTITION_OF_SOURCE_TYPE, type KnowledgeSourceType } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { type KnowledgeChunk, chunkRecordId } from '@cxgenie/vector-store';
import {
  type EntryContent,
  entryRecordIds,
  faqContent,
  snippetContent,
} from '../knowledge-index/entry-content';

/** Statuses of a document or website source while the loader is writing its vectors. */
const IN_FLIGHT = new Set(['queued', 'processing']);

export interface BotRef {
  workspaceId: string;
  botId: string;
}

/** What PostgreSQL says a bot's vector index must hold, in one embedding space. */
export interface ExpectedIndex {
  /** Record id → the FAQ or snippet, or the chunk row's source, it belongs to. */
  records: Map<string, { sourceId: string; kind: 'entry' | 'chunk' }>;
  /** FAQs and snippets by id, with what they are indexed from. */
  entries: Map<string, { type: 'faq' | 'snippet'; content: EntryContent }>;
  /** Every source id PostgreSQL knows for the bot (FAQs, snippets, documents, websites). */
  liveSources: Set<string>;
  /** Documents and websites the loader is ingesting: their records are the loader's business. */
  inFlight: Set<string>;
  chunksInOtherSpaces: number;
}

/**
 * Reads, in a few statements, what a bot's index should contain: a record per piece of every FAQ
 * and snippet, and a record per chunk row the loader committed in this embedding space (a row is
 * written only after its vector, so it proves the record should exist).
 */
@Injectable()
export class BotKnowledgeReader {
  async botExists(scope: TenantScope, botId: string): Promise<boolean> {
    const bot = await scope.models.Bot.findOne({
      where: { id: botId, workspaceId: scope.workspaceId },
      attributes: ['id'],
    });
    return bot !== null;
  }

  async expected(scope: TenantScope, botId: string, spaceKey: string): Promise<ExpectedIndex> {
    const where = { workspaceId: scope.workspaceId, botId };
    const [faqs, snippets, sources, chunks] = await Promise.all([
      scope.models.Faq.findAll({ where }),
      scope.models.Snippet.findAll({ where }),
      scope.sequelize.query<{ id: string; status: string }>(
        `SELECT id, status FROM knowledge_sources
          WHERE workspace_id = $1 AND bot_id = $2 AND type IN ('document', 'website')
            AND deleted_at IS NULL`,
        { bind: [scope.workspaceId, botId], type: QueryTypes.SELECT },
      ),
      scope.sequelize.query<{ source_id: string; position: number; space: string | null }>(
        `SELECT source_id, position, metadata->>'space' AS space FROM knowledge_chunks
          WHERE workspace_id = $1 AND bot_id = $2`,
        { bind: [scope.workspaceId, botId], type: QueryTypes.SELECT },
      ),
    ]);
    const expected: ExpectedIndex = {
      records: new Map(),
      entries: new Map(),
      liveSources: new Set(),
      inFlight: new Set(),
      chunksInOtherSpaces: 0,
    };
    const addEntry = (id: string, type: 'faq' | 'snippet', content: EntryContent) => {
      expected.entries.set(id, { type, content });
      expected.liveSources.add(id);
      for (const recordId of entryRecordIds(id, content))
        expected.records.set(recordId, { sourceId: id, kind: 'entry' });
    };
    faqs.forEach((faq) => addEntry(faq.id, 'faq', faqContent(faq)));
    snippets.forEach((snippet) => addEntry(snippet.id, 'snippet', snippetContent(snippet)));
    for (const source of sources) {
      expected.liveSources.add(source.id);
      if (IN_FLIGHT.has(source.status)) expected.inFlight.add(source.id);
    }
    for (const chunk of chunks) {
      if (!expected.liveSources.has(chunk.source_id) || expected.inFlight.has(chunk.source_id))
        continue;
      if (chunk.space !== spaceKey) {
        expected.chunksInOtherSpaces += 1;
        continue;
      }
      expected.records.set(chunkRecordId(chunk.source_id, chunk.position), {
        sourceId: chunk.source_id,
        kind: 'chunk',
      });
    }
    return expected;
  }

  /** The stored chunks at these positions, as the loader indexed them. */
  async chunks(
    scope: TenantScope,
    bot: BotRef,
    wanted: readonly { sourceId: string; position: number }[],
  ): Promise<KnowledgeChunk[]> {
    if (wanted.length === 0) return [];
    const rows = await scope.sequelize.query<{
      source_id: string;
      type: KnowledgeSourceType;
      document_id: string | null;
      position: number;
      text: string;
      content_hash: string;
      token_count: number;
      title: string | null;
      heading_path: string | null;
    }>(
      `SELECT c.source_id, s.type, c.document_id, c.position, c.text, c.content_hash, c.token_count,
              c.metadata->>'title' AS title, c.metadata->>'headingPath' AS heading_path
         FROM knowledge_chunks c JOIN knowledge_sources s ON s.id = c.source_id
         JOIN unnest($3::uuid[], $4::int[]) AS w(source_id, position)
           ON w.source_id = c.source_id AND w.position = c.position
        WHERE c.workspace_id = $1 AND c.bot_id = $2`,
      {
        bind: [
          bot.workspaceId,
          bot.botId,
          wanted.map((w) => w.sourceId),
          wanted.map((w) => w.position),
        ],
        type: QueryTypes.SELECT,
      },
    );
    return rows.map((row) => ({
      workspaceId: bot.workspaceId,
      botId: bot.botId,
      sourceId: row.source_id,
      partition: PARTITION_OF_SOURCE_TYPE[row.type],
      documentId: row.document_id,
      position: row.position,
      text: row.text,
      contentHash: row.content_hash,
      tokenCount: row.token_count,
      title: row.title ?? '',
      headingPath: row.heading_path ?? '',
    }));
  }
}
