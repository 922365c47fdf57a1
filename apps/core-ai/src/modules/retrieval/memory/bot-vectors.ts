import { KNOWLEDGE_PARTITIONS, type KnowledgePartition } from '@cxgenie/contracts';
import { BestK } from '@cxgenie/text-processing';
import type { ScopeVectors, StoredChunk } from '@cxgenie/vector-store';

/** Dimensions added per pass over the rows: fewer loads and stores of the running sums. */
const PASS = 8;

interface PartitionVectors {
  ids: string[];
  /** Each row's chunk: a hit needs no lookup by id. */
  chunks: StoredChunk[];
  /**
   * Column-major: dimension `d` of row `r` at `d * rows + r`. A question's dimension is then one
   * contiguous run over every row, so a sparse question reads only its own dimensions' runs.
   */
  vectors: Float32Array;
  /** Each row's Euclidean norm, computed once at load. */
  norms: Float64Array;
  /**
   * Every value finite: then a dimension where the question is zero adds exactly nothing to the
   * store's sum (0 × finite is ±0, and the sum, starting at +0, is never -0), so skipping it
   * leaves the sum bit for bit the same. Not so for 0 × ∞ (NaN): writes refuse non-finite
   * numbers, but a float64 beyond float32's range is stored as ∞.
   */
  finite: boolean;
}

/** Dimensions of the question to sum over, in dimension order, with their float32 values. */
interface QueryTerms {
  dims: Int32Array;
  values: Float64Array;
}

export interface NearestHit {
  id: string;
  score: number;
}

/** A question scored against every row of the bot. */
export interface VectorQuery {
  /** The `topK` nearest of each partition, partitions in the store's order, best first. */
  hits: (NearestHit & { chunk: StoredChunk })[];
  /**
   * A chunk's cosine, exactly as the scan scored it (the hits' scores are these too), when the
   * chunk is among the `depth` nearest of its partition (what a `depth`-deep top-k would have
   * returned, ties in scan order); else undefined, as for a chunk the bot's vectors do not hold.
   */
  cosineOf(id: string, depth: number): number | undefined;
}

/**
 * Besides its vector and norm, what a row costs: its id string, its entry in the id → row map and
 * its chunk reference (an estimate).
 */
const PER_ROW_OVERHEAD_BYTES = 160;

/**
 * One bot's vectors in memory, one contiguous block per partition, searched exactly (cosine over
 * every row). The arithmetic is the store's exact search, term for term: each row's float32
 * values times the question's, summed in float64 in dimension order, divided by the same norms;
 * ties keep scan order. So the hits and scores are the ones the store returns. Only the per-row
 * norm is computed at load instead of per query, the rows are stored by dimension (all rows' sums
 * advance together, a few dimensions per pass), and dimensions where the question is zero are
 * skipped (hashed local embeddings set a few dozen of 1,024).
 */
export class BotVectors {
  private constructor(
    readonly dimensions: number,
    private readonly partitions: ReadonlyMap<KnowledgePartition, PartitionVectors>,
    readonly bytes: number,
  ) {
    let partition = 0;
    for (const vectors of partitions.values()) {
      const at = partition;
      vectors.ids.forEach((id, row) => this.rows.set(id, { vectors, partition: at, row }));
      partition += 1;
    }
  }

  /** Where each chunk's vector is, built once at load: a cosine by id costs one lookup. */
  private readonly rows = new Map<
    string,
    { vectors: PartitionVectors; partition: number; row: number }
  >();

  /**
   * Grouped by the partition of each id's chunk, in the store's scan order. A vector whose chunk
   * is not known (written between the two reads) is left out, as the store path would drop it.
   */
  static of(
    dimensions: number,
    scanned: ScopeVectors,
    chunkOf: (id: string) => StoredChunk | undefined,
  ): BotVectors {
    const rows = new Map<KnowledgePartition, { row: number; chunk: StoredChunk }[]>();
    scanned.ids.forEach((id, row) => {
      const chunk = chunkOf(id);
      if (!chunk) return;
      let list = rows.get(chunk.partition);
      if (!list) rows.set(chunk.partition, (list = []));
      list.push({ row, chunk });
    });
    const partitions = new Map<KnowledgePartition, PartitionVectors>();
    let bytes = 0;
    for (const [partition, list] of rows) {
      const count = list.length;
      const vectors = new Float32Array(count * dimensions);
      const norms = new Float64Array(count);
      const ids: string[] = [];
      const chunks: StoredChunk[] = [];
      let finite = true;
      list.forEach(({ row, chunk }, i) => {
        const source = scanned.vectors.subarray(row * dimensions, (row + 1) * dimensions);
        let norm = 0;
        for (let d = 0; d < dimensions; d += 1) {
          const value = source[d]!;
          vectors[d * count + i] = value;
          norm += value * value;
        }
        norms[i] = Math.sqrt(norm);
        // float32 squares cannot overflow a float64 sum: only NaN or ±∞ in the row gets here.
        if (!Number.isFinite(norm)) finite = false;
        ids.push(scanned.ids[row]!);
        chunks.push(chunk);
      });
      partitions.set(partition, { ids, chunks, vectors, norms, finite });
      bytes += vectors.byteLength + norms.byteLength + ids.length * PER_ROW_OVERHEAD_BYTES;
    }
    return new BotVectors(dimensions, partitions, bytes);
  }

  /** Bytes the vectors of `rows` chunks take in memory: decides whether a bot is held at all. */
  static bytesFor(rows: number, dimensions: number): number {
    return rows * (dimensions * 4 + 8 + PER_ROW_OVERHEAD_BYTES);
  }

  /** The `topK` nearest of each partition, partitions in the store's order, best first. */
  nearest(query: readonly number[], topK: number): NearestHit[] {
    return this.query(query, topK).hits.map(({ id, score }) => ({ id, score }));
  }

  /**
   * Scores every row once: the best `topK` of each partition, and the cosine of any other chunk
   * from the same sums, so a candidate's cosine needs no deeper top-k and no second pass.
   */
  query(query: readonly number[], topK: number): VectorQuery {
    const q = Float32Array.from(query);
    let qNorm = 0;
    for (const x of q) qNorm += x * x;
    qNorm = Math.sqrt(qNorm);
    const nonZero = termsOf(q, true);
    let every: QueryTerms | undefined;
    const hits: VectorQuery['hits'] = [];
    const dotsOf = new Map<PartitionVectors, Float64Array>();
    for (const partition of KNOWLEDGE_PARTITIONS) {
      const vectors = this.partitions.get(partition);
      if (!vectors) continue;
      const dots = dotsIn(vectors, vectors.finite ? nonZero : (every ??= termsOf(q, false)));
      dotsOf.set(vectors, dots);
      hits.push(...bestIn(vectors, dots, qNorm, topK));
    }
    // Each partition's cosines, worked out once per query for the partitions asked about.
    const scoresOf = new Map<PartitionVectors, Float64Array>();
    const scores = (vectors: PartitionVectors): Float64Array => {
      let all = scoresOf.get(vectors);
      if (!all) {
        const dots = dotsOf.get(vectors)!;
        all = new Float64Array(dots.length);
        for (let r = 0; r < dots.length; r += 1)
          all[r] = cosine(dots[r]!, qNorm, vectors.norms[r]!);
        scoresOf.set(vectors, all);
      }
      return all;
    };
    // Which rows are among a partition's `depth` best, worked out once per partition and depth:
    // the candidates asking about one partition (up to fifty) then cost a comparison each.
    const bestOf = new Map<string, (row: number) => boolean>();
    const among = (vectors: PartitionVectors, partition: number, depth: number) => {
      const key = `${partition}:${depth}`;
      let test = bestOf.get(key);
      if (!test) {
        // A question holding NaN or ∞ (a remote embedder's fault) scores unordered, as such a
        // row does: the top-k itself decides there too.
        const ordered = vectors.finite && Number.isFinite(qNorm);
        test = amongBest(scores(vectors), depth, ordered);
        bestOf.set(key, test);
      }
      return test;
    };
    return {
      hits,
      cosineOf: (id, depth) => {
        const at = this.rows.get(id);
        if (!at) return undefined;
        return among(at.vectors, at.partition, depth)(at.row)
          ? scores(at.vectors)[at.row]
          : undefined;
      },
    };
  }
}

const cosine = (dot: number, qNorm: number, norm: number): number =>
  qNorm === 0 || norm === 0 ? 0 : dot / (qNorm * norm);

/**
 * Which rows are among the `depth` best of `scores` as `BestK` keeps them (higher score first, the
 * lower row on equal scores): the rows that come before the `depth`-th best, and that one. NaN (a
 * partition holding ∞, or such a question) is not ordered that way: there the top-k's own rows
 * are the answer.
 */
function amongBest(
  scores: Float64Array,
  depth: number,
  ordered: boolean,
): (row: number) => boolean {
  if (depth <= 0) return () => false;
  const top = new BestK(depth);
  for (let r = 0; r < scores.length; r += 1) top.offer(r, scores[r]!);
  if (!ordered) {
    const kept = new Set(top.items);
    return (row) => kept.has(row);
  }
  if (top.items.length < depth) return () => true;
  const lastRow = top.items[depth - 1]!;
  const lastScore = top.scores[depth - 1]!;
  return (row) => {
    const score = scores[row]!;
    return score > lastScore || (score === lastScore && row <= lastRow);
  };
}

/** The best `topK` rows by cosine; ties keep scan order. */
function bestIn(
  { ids, chunks, norms }: PartitionVectors,
  dots: Float64Array,
  qNorm: number,
  topK: number,
): VectorQuery['hits'] {
  if (topK <= 0) return [];
  const top = new BestK(topK);
  for (let r = 0; r < dots.length; r += 1) top.offer(r, cosine(dots[r]!, qNorm, norms[r]!));
  return top.items.map((row, i) => ({ id: ids[row]!, chunk: chunks[row]!, score: top.scores[i]! }));
}

/** Every row's dot product with the question, exactly as the store sums it (see `BotVectors`). */
function dotsIn({ ids, vectors }: PartitionVectors, q: QueryTerms): Float64Array {
  const rows = ids.length;
  const dots = new Float64Array(rows);
  const { dims, values } = q;
  let t = 0;
  // Left to right, so each row's sum still adds one product at a time in dimension order.
  for (; t + PASS <= dims.length; t += PASS) {
    const w0 = values[t]!;
    const w1 = values[t + 1]!;
    const w2 = values[t + 2]!;
    const w3 = values[t + 3]!;
    const w4 = values[t + 4]!;
    const w5 = values[t + 5]!;
    const w6 = values[t + 6]!;
    const w7 = values[t + 7]!;
    const c0 = dims[t]! * rows;
    const c1 = dims[t + 1]! * rows;
    const c2 = dims[t + 2]! * rows;
    const c3 = dims[t + 3]! * rows;
    const c4 = dims[t + 4]! * rows;
    const c5 = dims[t + 5]! * rows;
    const c6 = dims[t + 6]! * rows;
    const c7 = dims[t + 7]! * rows;
    for (let r = 0; r < rows; r += 1) {
      dots[r] =
        dots[r]! +
        w0 * vectors[c0 + r]! +
        w1 * vectors[c1 + r]! +
        w2 * vectors[c2 + r]! +
        w3 * vectors[c3 + r]! +
        w4 * vectors[c4 + r]! +
        w5 * vectors[c5 + r]! +
        w6 * vectors[c6 + r]! +
        w7 * vectors[c7 + r]!;
    }
  }
  for (; t < dims.length; t += 1) {
    const w = values[t]!;
    const column = dims[t]! * rows;
    for (let r = 0; r < rows; r += 1) dots[r] = dots[r]! + w * vectors[column + r]!;
  }
  return dots;
}

/** The question's dimensions in order (only the non-zero ones with `skipZeros`), as float32. */
function termsOf(q: Float32Array, skipZeros: boolean): QueryTerms {
  let count = 0;
  for (let i = 0; i < q.length; i += 1) if (!skipZeros || q[i] !== 0) count += 1;
  const dims = new Int32Array(count);
  const values = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < q.length; i += 1) {
    if (skipZeros && q[i] === 0) continue;
    dims[j] = i;
    values[j] = q[i]!;
    j += 1;
  }
  return { dims, values };
}
