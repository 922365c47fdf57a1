import type { StoredChunk } from '@cxgenie/vector-store';
import type { Candidate } from './fusion';
import { RERANK_WEIGHTS, rerank } from './rerank';
import { withNeighbours } from './neighbours';

const stored = (id: string, text: string, extra: Partial<StoredChunk> = {}): StoredChunk => ({
  id,
  workspaceId: 'w',
  botId: 'b',
  partition: 'documents',
  sourceId: 's',
  documentId: 'd',
  chunkHash: 'h',
  title: 'Manual',
  headingPath: '',
  position: 0,
  text,
  tokenCount: 1,
  createdAt: 0,
  updatedAt: 0,
  ...extra,
});

const candidate = (chunk: StoredChunk, fused: number): Candidate => ({
  chunk,
  cosine: 0.3,
  bm25: 1,
  vectorRank: 1,
  lexicalRank: 1,
  fused,
});

const terms = ['vacuum', 'reclaim', 'space'].map((term) => ({ term, weight: 1, synonyms: [] }));
const idf = () => 1;

describe('rerank', () => {
  it('puts the chunk whose single sentence holds the terms above one where they are scattered', () => {
    const together = stored(
      'together',
      'Intro text. VACUUM can reclaim the space of dead rows. End.',
    );
    const scattered = stored(
      'scattered',
      'VACUUM is a command. Many other things happen. Reclaim is a word. Space is large.',
    );
    const ranked = rerank([candidate(scattered, 0.1), candidate(together, 0.1)], terms, idf);
    expect(ranked[0]!.chunk.id).toBe('together');
    expect(ranked[0]!.features.proximity).toBe(1);
    expect(ranked[1]!.features.proximity).toBeCloseTo(1 / 3);
    expect(ranked[1]!.features.coverage).toBe(1);
  });

  it('counts a synonym as half a match', () => {
    const synonymous = stored('s', 'VACUUM can clean the space.');
    const [ranked] = rerank(
      [candidate(synonymous, 0.1)],
      [{ term: 'reclaim', weight: 1, synonyms: ['clean'] }],
      idf,
    );
    expect(ranked!.features.coverage).toBe(0.5);
  });

  it("prefers, among chunks alike, the one that opens its document: the page's own topic", () => {
    const text = 'VACUUM can reclaim the space of dead rows.';
    const opening = stored('opening', text, { position: 0, documentId: 'routine-vacuuming' });
    const inside = stored('inside', text, { position: 7, documentId: 'sql-altertable' });
    const ranked = rerank([candidate(inside, 0.1), candidate(opening, 0.1)], terms, idf);
    expect(ranked.map((c) => c.chunk.id)).toEqual(['opening', 'inside']);
    expect(ranked[0]!.features.lead).toBe(1);
    expect(ranked[1]!.features.lead).toBe(0);
  });

  it('prefers, among chunks alike that do not open their page, the earlier one', () => {
    const text = 'VACUUM can reclaim the space of dead rows.';
    const second = stored('second', text, { position: 1, documentId: 'routine-vacuuming' });
    const deep = stored('deep', text, { position: 9, documentId: 'routine-vacuuming' });
    const ranked = rerank([candidate(deep, 0.1), candidate(second, 0.1)], terms, idf);
    expect(ranked.map((c) => c.chunk.id)).toEqual(['second', 'deep']);
    expect(ranked[0]!.features.early).toBe(0.5);
    expect(ranked[1]!.features.early).toBeCloseTo(0.1);
    expect(ranked[0]!.relevance - ranked[1]!.relevance).toBeCloseTo(RERANK_WEIGHTS.early * 0.4);
  });

  it('counts terms in the title and headings towards coverage', () => {
    const titled = stored('titled', 'It frees space.', { title: 'VACUUM', headingPath: 'Reclaim' });
    const [ranked] = rerank([candidate(titled, 0.1)], terms, idf);
    expect(ranked!.features.coverage).toBe(1);
    expect(ranked!.features.headingCoverage).toBeCloseTo(2 / 3);
  });
});

describe('withNeighbours', () => {
  const chunks = [
    stored('0', 'First part of the section ends here with shared words', { position: 0 }),
    stored('1', 'ends here with shared words and the hit follows.', { position: 1 }),
    stored('2', 'After the hit.', { position: 2, headingPath: 'Another section' }),
  ];
  const at = (_source: string, position: number) => chunks[position];

  it('joins the chunk before and after it in the same section, without their overlap', () => {
    expect(withNeighbours(chunks[1]!, at).text).toBe(
      'First part of the section ends here with shared words and the hit follows.',
    );
  });

  it('leaves out a neighbour of another section', () => {
    expect(withNeighbours(chunks[2]!, at)).toEqual({ text: 'After the hit.', joined: [] });
  });
});
