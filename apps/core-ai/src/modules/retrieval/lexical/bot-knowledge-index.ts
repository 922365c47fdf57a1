import {
  type AnalyzedDocument,
  FieldedBm25Index,
  type FieldWeights,
  type LexicalHit,
  type WeightedTerm,
  analyzeDocument,
} from '@cxgenie/text-processing';
import type { StoredChunk } from '@cxgenie/vector-store';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type ChunkTerms, chunkTerms, sentenceTerms } from '../chunk-terms';

/**
 * How much a query term found in a chunk's title or headings counts next to one in its body.
 * Tuned on the dev split of `npm run eval:rag`.
 */
export const FIELD_WEIGHTS: FieldWeights = { title: 2, headings: 1.5, body: 1 };

/**
 * One bot's knowledge as the full-text leg and the answer need it: a BM25F index whose statistics
 * are the bot's own (no other bot or workspace changes its ranking), the chunks themselves, and
 * each source's chunks by position so a hit's neighbours can be joined back.
 */
export class BotKnowledgeIndex {
  readonly index: FieldedBm25Index;
  private readonly byId = new Map<string, StoredChunk>();
  private readonly bySource = new Map<string, Map<number, StoredChunk>>();
  private readonly terms = new Map<string, ChunkTerms>();

  constructor(
    readonly revision: string,
    chunks: readonly StoredChunk[],
    readonly analyzed: ReadonlyMap<string, AnalyzedChunk>,
  ) {
    for (const chunk of chunks) {
      this.byId.set(chunk.id, chunk);
      let positions = this.bySource.get(chunk.sourceId);
      if (!positions) this.bySource.set(chunk.sourceId, (positions = new Map()));
      positions.set(chunk.position, chunk);
    }
    this.index = new FieldedBm25Index(
      chunks.map((chunk) => analyzed.get(chunk.id)!.doc),
      { weights: FIELD_WEIGHTS },
    );
  }

  get size(): number {
    return this.byId.size;
  }

  chunk(id: string): StoredChunk | undefined {
    return this.byId.get(id);
  }

  /** The chunk of the same source at `position`, if there is one. */
  at(sourceId: string, position: number): StoredChunk | undefined {
    return this.bySource.get(sourceId)?.get(position);
  }

  search(terms: readonly WeightedTerm[], perPartition: number): LexicalHit[] {
    return this.index.search(terms, perPartition);
  }

  /**
   * The chunk's search terms (title and headings, body, and each sentence of the body), from the
   * analysis done when the index was built: the re-ranker reads them for every candidate.
   */
  termsOf(chunk: StoredChunk): ChunkTerms {
    let terms = this.terms.get(chunk.id);
    if (!terms) {
      const analyzed = this.analyzed.get(chunk.id);
      if (analyzed && analyzed.updatedAt === chunk.updatedAt) {
        const heading = new Set([
          ...analyzed.doc.fields.title.keys(),
          ...analyzed.doc.fields.headings.keys(),
        ]);
        const body = new Set(analyzed.doc.fields.body.keys());
        terms = {
          heading,
          body,
          all: new Set([...heading, ...body]),
          sentences: sentenceTerms(chunk.text),
        };
      } else {
        terms = chunkTerms(chunk);
      }
      this.terms.set(chunk.id, terms);
    }
    return terms;
  }

  /**
   * A new index over the bot's current chunks; chunks unchanged since this one (same id and
   * update time) are not tokenised again.
   */
  static build(
    revision: string,
    chunks: readonly StoredChunk[],
    previous?: BotKnowledgeIndex,
  ): BotKnowledgeIndex {
    const analyzed = new Map<string, AnalyzedChunk>();
    for (const chunk of chunks) analyzed.set(chunk.id, analyzedChunk(chunk, previous));
    return new BotKnowledgeIndex(revision, chunks, analyzed);
  }

  /**
   * `build`, giving the event loop back after every `sliceSize` chunks analysed: the same index,
   * while searches of other bots go on between the slices.
   */
  static async buildInSlices(
    revision: string,
    chunks: readonly StoredChunk[],
    previous?: BotKnowledgeIndex,
    sliceSize = ANALYSIS_SLICE,
  ): Promise<BotKnowledgeIndex> {
    const analyzed = new Map<string, AnalyzedChunk>();
    for (let i = 0; i < chunks.length; i += 1) {
      if (i > 0 && i % sliceSize === 0) await yieldToEventLoop();
      analyzed.set(chunks[i]!.id, analyzedChunk(chunks[i]!, previous));
    }
    return new BotKnowledgeIndex(revision, chunks, analyzed);
  }
}

interface AnalyzedChunk {
  updatedAt: number;
  doc: AnalyzedDocument;
}

/** Chunks analysed between two returns to the event loop (~15–20 ms of work on this machine). */
export const ANALYSIS_SLICE = 256;

const analyzedChunk = (chunk: StoredChunk, previous?: BotKnowledgeIndex): AnalyzedChunk => {
  const known = previous?.analyzed.get(chunk.id);
  if (known && known.updatedAt === chunk.updatedAt) return known;
  return {
    updatedAt: chunk.updatedAt,
    doc: analyzeDocument({
      id: chunk.id,
      group: chunk.partition,
      title: chunk.title,
      headings: chunk.headingPath,
      body: chunk.text,
    }),
  };
};
