import type { KnowledgePartition } from '@cxgenie/contracts';
import type { VectorHit } from '@cxgenie/vector-store';
import { fitToBudget } from './context-budget';
import { rankHits, recencyFactor } from './ranking';
import { DEFAULT_RETRIEVAL_SETTINGS, resolveRetrievalSettings } from './retrieval-settings';

const NOW = Date.UTC(2026, 10, 29);
const DAY = 86_400_000;

const hit = (
  id: string,
  score: number,
  partition: KnowledgePartition = 'documents',
  text = `text of ${id}`,
  ageDays = 365 * 10,
): VectorHit => ({
  id,
  workspaceId: 'w',
  botId: 'b',
  partition,
  sourceId: `source-${id}`,
  documentId: null,
  chunkHash: id,
  title: id,
  headingPath: '',
  position: 0,
  text,
  tokenCount: 3,
  createdAt: NOW - ageDays * DAY,
  updatedAt: NOW - ageDays * DAY,
  score,
});

const noLexical = () => new Map<string, number>();

const settings = (overrides = {}) => ({
  ...DEFAULT_RETRIEVAL_SETTINGS,
  hybridSearch: false,
  ...overrides,
});

describe('rankHits', () => {
  it('merges partitions by similarity and lets an FAQ win a close call (× 1.2)', () => {
    const ranked = rankHits({
      query: 'q',
      vectorHits: [hit('doc', 0.8), hit('faq', 0.7, 'faqs'), hit('web', 0.75, 'websites')],
      settings: settings(),
      now: NOW,
      lexicalHits: null,
      lexicalFallback: noLexical,
    });
    expect(ranked.map((c) => c.chunkId)).toEqual(['faq', 'doc', 'web']);
    expect(ranked[0]).toMatchObject({ vectorScore: 0.7, lexicalScore: null });
    expect(ranked[0]!.score).toBeCloseTo(0.7 * 1.2, 3);
  });

  it('does not let the FAQ boost lift a poor match over a good one', () => {
    const ranked = rankHits({
      query: 'q',
      vectorHits: [hit('doc', 0.9), hit('faq', 0.5, 'faqs')],
      settings: settings(),
      now: NOW,
      lexicalHits: null,
      lexicalFallback: noLexical,
    });
    expect(ranked.map((c) => c.chunkId)).toEqual(['doc', 'faq']);
  });

  it('prefers the fresher of two equally similar chunks, by a bounded amount', () => {
    const ranked = rankHits({
      query: 'q',
      vectorHits: [hit('old', 0.8, 'documents', 'x', 720), hit('new', 0.8, 'documents', 'x', 1)],
      settings: settings(),
      now: NOW,
      lexicalHits: null,
      lexicalFallback: noLexical,
    });
    expect(ranked.map((c) => c.chunkId)).toEqual(['new', 'old']);
    expect(recencyFactor(NOW, NOW, 180, 0.1)).toBeCloseTo(1.1);
    expect(recencyFactor(NOW - 180 * DAY, NOW, 180, 0.1)).toBeCloseTo(1.05);
  });

  it('with hybrid search, fuses BM25 ranks so exact words can overtake a closer vector', () => {
    const vague = hit('vague', 0.82, 'documents', 'general information about accounts');
    const exact = hit('exact', 0.78, 'documents', 'error E1234 means the card was declined');
    const vectorOnly = rankHits({
      query: 'E1234',
      vectorHits: [vague, exact],
      lexicalHits: null,
      settings: settings(),
      now: NOW,
      lexicalFallback: noLexical,
    });
    expect(vectorOnly.map((c) => c.chunkId)).toEqual(['vague', 'exact']);
    const hybrid = rankHits({
      query: 'E1234',
      vectorHits: [vague, exact],
      lexicalHits: [{ ...exact, lexicalScore: 7 }],
      settings: settings({ hybridSearch: true }),
      now: NOW,
      lexicalFallback: noLexical,
    });
    expect(hybrid.map((c) => c.chunkId)).toEqual(['exact', 'vague']);
    expect(hybrid[0]!.lexicalScore).toBe(7);
    expect(hybrid[1]!.lexicalScore).toBeNull();
  });

  it('brings in a chunk only full-text search found, with its own cosine', () => {
    const ranked = rankHits({
      query: 'max_connections',
      vectorHits: [hit('near', 0.7)],
      lexicalHits: [{ ...hit('words', 0.4), lexicalScore: 3 }],
      settings: settings({ hybridSearch: true }),
      now: NOW,
      lexicalFallback: noLexical,
    });
    expect(ranked.map((c) => [c.chunkId, c.vectorScore])).toEqual([
      ['words', 0.4],
      ['near', 0.7],
    ]);
  });

  it('without full-text search in the store, scores the vector candidates lexically', () => {
    const ranked = rankHits({
      query: 'E1234',
      vectorHits: [hit('vague', 0.82, 'documents', 'x'), hit('exact', 0.78, 'documents', 'E1234')],
      lexicalHits: null,
      settings: settings({ hybridSearch: true }),
      now: NOW,
      lexicalFallback: (_q, candidates) =>
        new Map(candidates.map((c) => [c.id, c.text === 'E1234' ? 2 : 0])),
    });
    expect(ranked.map((c) => c.chunkId)).toEqual(['exact', 'vague']);
  });

  it('returns a chunk found by two partitions once, with its best score', () => {
    const ranked = rankHits({
      query: 'q',
      vectorHits: [hit('same', 0.5), hit('same', 0.6)],
      settings: settings(),
      now: NOW,
      lexicalHits: null,
      lexicalFallback: noLexical,
    });
    expect(ranked).toHaveLength(1);
    expect(ranked[0]!.vectorScore).toBe(0.6);
  });
});

describe('fitToBudget', () => {
  const words = (text: string) => text.split(' ').length;
  const ranked = rankHits({
    query: 'q',
    vectorHits: [
      hit('a', 0.9, 'documents', 'one two three four'),
      hit('b', 0.8, 'documents', 'one two three four five six seven'),
      hit('c', 0.7, 'documents', 'one two'),
      hit('d', 0.6, 'documents', 'one'),
    ],
    settings: settings(),
    now: NOW,
    lexicalHits: null,
    lexicalFallback: noLexical,
  });

  it('keeps rank order, skips a chunk too big for what is left, and fills with smaller ones', () => {
    const chosen = fitToBudget(ranked, { maxTokens: 7, maxChunks: 8, countTokens: words });
    expect(chosen.map((c) => c.chunkId)).toEqual(['a', 'c', 'd']);
    expect(chosen.map((c) => c.tokenCount)).toEqual([4, 2, 1]);
  });

  it('never takes more than maxChunks', () => {
    const chosen = fitToBudget(ranked, { maxTokens: 1000, maxChunks: 2, countTokens: words });
    expect(chosen.map((c) => c.chunkId)).toEqual(['a', 'b']);
  });
});

describe('resolveRetrievalSettings', () => {
  it('takes request overrides over bot settings over defaults, ignoring nulls', () => {
    const resolved = resolveRetrievalSettings(
      { topK: 8, faqBoost: null as unknown as number, hybridSearch: false },
      { topK: 3 },
    );
    expect(resolved).toMatchObject({ topK: 3, faqBoost: 1.2, hybridSearch: false });
  });
});
