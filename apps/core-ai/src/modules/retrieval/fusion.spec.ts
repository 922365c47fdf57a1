import type { StoredChunk, VectorHit } from '@cxgenie/vector-store';
import { RRF_K, fuseRankings } from './fusion';

const chunk = (id: string): StoredChunk => ({
  id,
  workspaceId: 'w',
  botId: 'b',
  partition: 'documents',
  sourceId: `source-${id}`,
  documentId: null,
  chunkHash: 'h',
  title: id,
  headingPath: '',
  position: 0,
  text: id,
  tokenCount: 1,
  createdAt: 0,
  updatedAt: 0,
});

const vectorHit = (id: string, score: number): VectorHit => ({ ...chunk(id), score });

describe('fuseRankings', () => {
  it('ranks each list on its own: full-text hits do not take every top rank', () => {
    // The case: five full-text hits the vector search did not return (the store used to
    // attach their cosines, which ranked them in the vector list too), and the best cosine.
    const vector = [
      vectorHit('best-cosine', 0.352),
      vectorHit('v-2', 0.34),
      vectorHit('v-3', 0.33),
      vectorHit('v-4', 0.32),
      vectorHit('v-5', 0.31),
    ];
    const lexical = ['lex-1', 'lex-2', 'lex-3', 'lex-4', 'lex-5'].map((id, i) => ({
      chunk: chunk(id),
      score: 10 - i,
    }));
    const fused = fuseRankings(vector, lexical);
    const top2 = fused.slice(0, 2).map((c) => c.chunk.id);
    expect(top2.sort()).toEqual(['best-cosine', 'lex-1']);
    expect(fused.find((c) => c.chunk.id === 'best-cosine')).toMatchObject({
      vectorRank: 1,
      lexicalRank: null,
      bm25: null,
      cosine: 0.352,
      fused: 1 / (RRF_K + 1),
    });
    // Each list keeps its own order: rank r of either list earns the same.
    expect(fused.find((c) => c.chunk.id === 'v-3')!.fused).toBe(
      fused.find((c) => c.chunk.id === 'lex-3')!.fused,
    );
  });

  it('adds both ranks for a chunk both legs returned', () => {
    const fused = fuseRankings(
      [vectorHit('both', 0.3), vectorHit('v', 0.2)],
      [{ chunk: chunk('both'), score: 1 }],
    );
    expect(fused[0]).toMatchObject({ vectorRank: 1, lexicalRank: 1, fused: 2 / (RRF_K + 1) });
  });

  it('gives a chunk only the full-text leg found no vector rank and no cosine', () => {
    const fused = fuseRankings([vectorHit('v', 0.5)], [{ chunk: chunk('t'), score: 3 }]);
    expect(fused.find((c) => c.chunk.id === 't')).toMatchObject({
      cosine: null,
      vectorRank: null,
      lexicalRank: 1,
      fused: 1 / (RRF_K + 1),
    });
  });

  it('counts a chunk returned by several partitions once, at its best score', () => {
    const fused = fuseRankings([vectorHit('a', 0.4), vectorHit('a', 0.6), vectorHit('b', 0.5)], []);
    expect(fused.map((c) => [c.chunk.id, c.cosine, c.vectorRank])).toEqual([
      ['a', 0.6, 1],
      ['b', 0.5, 2],
    ]);
  });
});
