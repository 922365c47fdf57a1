import type { KnowledgePartition } from '@cxgenie/contracts';
import type { StoredChunk } from '@cxgenie/vector-store';
import { BotVectors } from './bot-vectors';

/** The LanceDB adapter's exact search, as written there: one sum per row, a stable sort. */
function reference(ids: string[], vectors: Float32Array, dims: number, query: number[], k: number) {
  const q = Float32Array.from(query);
  let qNorm = 0;
  for (const x of q) qNorm += x * x;
  qNorm = Math.sqrt(qNorm);
  const scored = ids.map((id, row) => {
    let dot = 0;
    let norm = 0;
    for (let i = 0; i < dims; i += 1) {
      const y = vectors[row * dims + i]!;
      dot += q[i]! * y;
      norm += y * y;
    }
    return { id, score: qNorm === 0 || norm === 0 ? 0 : dot / (qNorm * Math.sqrt(norm)) };
  });
  return scored.sort((a, b) => b.score - a.score).slice(0, k);
}

/** A deterministic generator: the case is the same on every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31 - 0.5;
  };
}

describe('BotVectors', () => {
  const dims = 96;
  const rows = 4_000;
  const next = random(42);
  const vectors = new Float32Array(rows * dims);
  for (let i = 0; i < vectors.length; i += 1) vectors[i] = next();
  // Exact duplicates, scaled copies (the same cosine up to rounding) and rows one float step
  // apart from another: the cases where a faster sum could reorder results.
  for (let row = 0; row < 300; row += 3) {
    const source = vectors.slice(row * dims, (row + 1) * dims);
    vectors.set(source, (row + 1000) * dims);
    vectors.set(
      source.map((x) => x * 3),
      (row + 2000) * dims,
    );
    const nudged = Float32Array.from(source);
    nudged[5] = nudged[5]! * (1 + 2 ** -23);
    vectors.set(nudged, (row + 3000) * dims);
  }
  vectors.fill(0, 10 * dims, 11 * dims); // a zero vector scores 0, as in the store
  const ids = Array.from({ length: rows }, (_, i) => `c${i}`);
  const chunk = (id: string) =>
    ({ id, partition: 'documents' as KnowledgePartition }) as unknown as StoredChunk;
  const memory = BotVectors.of(dims, { ids, vectors }, chunk);

  it.each([1, 5, 20, 200])(
    'returns the same top %i ids and scores, in the same order, as the store',
    (k) => {
      for (let probe = 0; probe < 60; probe += 3) {
        // Queries that are stored rows themselves: their duplicates tie at the top.
        const query = Array.from(vectors.subarray(probe * dims, (probe + 1) * dims));
        expect(memory.nearest(query, k)).toEqual(reference(ids, vectors, dims, query, k));
      }
    },
  );

  it.each([1, 20])(
    'returns the same top %i for a sparse question (few non-zero dimensions) as the store',
    (k) => {
      for (let probe = 0; probe < 60; probe += 3) {
        // A stored row with all but a few dimensions zeroed (-0 among them), as a short question
        // embedded by feature hashing: scored over its non-zero dimensions only.
        const query = Array.from(vectors.subarray(probe * dims, (probe + 1) * dims), (x, i) =>
          i % 7 === probe % 7 ? x : i % 2 ? -0 : 0,
        );
        expect(memory.nearest(query, k)).toEqual(reference(ids, vectors, dims, query, k));
      }
      const empty = new Array<number>(dims).fill(0);
      expect(memory.nearest(empty, k)).toEqual(reference(ids, vectors, dims, empty, k));
    },
  );

  it.each([1, 20, 100])(
    "lends a chunk's cosine exactly when it is among the %i nearest, ties in the store's order",
    (depth) => {
      for (let probe = 0; probe < 12; probe += 3) {
        const query = Array.from(vectors.subarray(probe * dims, (probe + 1) * dims));
        const nearest = new Map(
          reference(ids, vectors, dims, query, depth).map((hit) => [hit.id, hit.score]),
        );
        const { cosineOf } = memory.query(query, 5);
        // The nearest, the duplicates tied with them, and rows far away.
        for (const id of [...nearest.keys(), 'c1000', 'c1003', 'c2000', 'c3999', 'c17'])
          expect(cosineOf(id, depth)).toBe(nearest.get(id));
      }
    },
  );

  it('sums every dimension of a partition holding ∞, where 0 × ∞ is NaN, not nothing', () => {
    const odd = Float32Array.from(vectors.subarray(0, 50 * dims));
    odd.copyWithin(3 * dims, 0, dims);
    odd[3 * dims + 1] = Infinity;
    const few = ids.slice(0, 50);
    const query = Array.from(odd.subarray(0, dims), (x, i) => (i % 9 === 0 ? x : 0));
    const hits = BotVectors.of(dims, { ids: few, vectors: odd }, chunk).nearest(query, 50);
    // The store's sum meets 0 × ∞ at dimension 1; skipping the zero dimension would give 0.
    expect(hits.find((hit) => hit.id === 'c3')!.score).toBeNaN();
    expect(hits[0]).toEqual(reference(few, odd, dims, query, 1)[0]);
    // Lent as the top-k keeps it: NaN only while the top-k has room for it.
    const { cosineOf } = BotVectors.of(dims, { ids: few, vectors: odd }, chunk).query(query, 1);
    expect(cosineOf('c3', 50)).toBeNaN();
    expect(cosineOf('c3', 1)).toBeUndefined();
  });

  it('lends cosines for a question holding NaN only as its top-k keeps them, not to every row', () => {
    const query = Array.from(vectors.subarray(0, dims));
    query[7] = Number.NaN;
    const { hits, cosineOf } = memory.query(query, 20);
    const lent = ids.filter((id) => cosineOf(id, 20) !== undefined);
    expect(lent.sort()).toEqual(hits.map((hit) => hit.id).sort());
  });

  it('keeps partitions apart and leaves out vectors whose chunk it does not know', () => {
    const byPartition = BotVectors.of(dims, { ids, vectors }, (id) =>
      Number(id.slice(1)) % 7 === 0
        ? undefined
        : ({
            id,
            partition: Number(id.slice(1)) % 2 ? 'faqs' : 'documents',
          } as unknown as StoredChunk),
    );
    const hits = byPartition.nearest(Array.from(vectors.subarray(0, dims)), 3);
    expect(hits).toHaveLength(6);
    expect(hits.every((h) => Number(h.id.slice(1)) % 7 !== 0)).toBe(true);
    const documents = hits.slice(0, 3).map((h) => Number(h.id.slice(1)) % 2);
    const faqs = hits.slice(3).map((h) => Number(h.id.slice(1)) % 2);
    expect(documents).toEqual([0, 0, 0]);
    expect(faqs).toEqual([1, 1, 1]);
  });
});
