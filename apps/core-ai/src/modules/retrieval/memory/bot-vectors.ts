import { KNOWLEDGE_PARTITIONS, type KnowledgePartition } from '@cxgenie/contracts';
import { BestK } from '@cxgenie/text-processing';
import type { ScopeVectors, StoredChunk } from '@cxgenie/vector-store';

/** Dimensions added per pass over the rows: fewer loads and stores of the running sums. */
const PASS = 8;

interface PartitionVectors {
  ids: string[];
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
  ) {}

  /**
   * Grouped by the partition of each id's chunk, in the store's scan order. A vector whose chunk
   * is not known (written between the two reads) is left out, as the store path would drop it.
   */
  static of(
    dimensions: number,
    scanned: ScopeVectors,
    chunkOf: (id: string) => StoredChunk | undefined,
  ): BotVectors {
    const rows = new Map<KnowledgePartition, number[]>();
    scanned.ids.forEach((id, row) => {
      const partition = chunkOf(id)?.partition;
      if (!partition) return;
      let list = rows.get(partition);
      if (!list) rows.set(partition, (list = []));
      list.push(row);
    });
    const partitions = new Map<KnowledgePartition, PartitionVectors>();
    let bytes = 0;
    for (const [partition, list] of rows) {
      const count = list.length;
      const vectors = new Float32Array(count * dimensions);
      const norms = new Float64Array(count);
      const ids: string[] = [];
      let finite = true;
      list.forEach((row, i) => {
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
      });
      partitions.set(partition, { ids, vectors, norms, finite });
      bytes += vectors.byteLength + norms.byteLength + ids.length * 64;
    }
    return new BotVectors(dimensions, partitions, bytes);
  }

  /** Bytes the vectors of `rows` chunks take in memory: decides whether a bot is held at all. */
  static bytesFor(rows: number, dimensions: number): number {
    return rows * (dimensions * 4 + 8 + 64);
  }

  /** The `topK` nearest of each partition, partitions in the store's order, best first. */
  nearest(query: readonly number[], topK: number): NearestHit[] {
    const q = Float32Array.from(query);
    let qNorm = 0;
    for (const x of q) qNorm += x * x;
    qNorm = Math.sqrt(qNorm);
    const nonZero = termsOf(q, true);
    let every: QueryTerms | undefined;
    const hits: NearestHit[] = [];
    for (const partition of KNOWLEDGE_PARTITIONS) {
      const vectors = this.partitions.get(partition);
      if (!vectors) continue;
      const terms = vectors.finite ? nonZero : (every ??= termsOf(q, false));
      hits.push(...nearestIn(vectors, terms, qNorm, topK));
    }
    return hits;
  }
}

/** Every row's cosine, exactly as the store sums it (see `BotVectors`), and the best `topK`. */
function nearestIn(
  { ids, vectors, norms }: PartitionVectors,
  q: QueryTerms,
  qNorm: number,
  topK: number,
): NearestHit[] {
  const rows = ids.length;
  if (topK <= 0 || rows === 0) return [];
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
  const top = new BestK(topK);
  for (let r = 0; r < rows; r += 1) {
    const norm = norms[r]!;
    top.offer(r, qNorm === 0 || norm === 0 ? 0 : dots[r]! / (qNorm * norm));
  }
  return top.items.map((row, i) => ({ id: ids[row]!, score: top.scores[i]! }));
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
