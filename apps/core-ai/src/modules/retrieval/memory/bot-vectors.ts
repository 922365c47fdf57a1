import { KNOWLEDGE_PARTITIONS, type KnowledgePartition } from '@cxgenie/contracts';
import type { ScopeVectors, StoredChunk } from '@cxgenie/vector-store';

/** Far above the rounding of a 1024-term float64 dot product (~1e-13), far below any real gap. */
const SCREEN_MARGIN = 1e-9;

/**
 * A question with at most this share of non-zero dimensions is scored exactly over those alone
 * (hashed local embeddings: a short question sets a few dozen of 1,024), skipping the screening.
 */
const SPARSE_SHARE = 0.25;

interface PartitionVectors {
  ids: string[];
  /** Row-major, `dimensions` floats a row. */
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

/** The question's non-zero dimensions, in dimension order, with their float32 values. */
interface SparseQuery {
  dims: Int32Array;
  values: Float64Array;
}

export interface NearestHit {
  id: string;
  score: number;
}

/**
 * One bot's vectors in memory, one contiguous block per partition, searched exactly (cosine over
 * every row). The arithmetic is the store's exact search, term for term (float32 values summed in
 * float64 in the same order, the same norm), and ties keep scan order, so the hits and scores are
 * the ones the store returns; only the per-row norm is computed at load instead of per query, and
 * a faster screening pass picks the rows worth scoring exactly.
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
      const vectors = new Float32Array(list.length * dimensions);
      const norms = new Float64Array(list.length);
      const ids: string[] = [];
      let finite = true;
      list.forEach((row, i) => {
        const source = scanned.vectors.subarray(row * dimensions, (row + 1) * dimensions);
        vectors.set(source, i * dimensions);
        let norm = 0;
        for (let d = 0; d < dimensions; d += 1) norm += source[d]! * source[d]!;
        norms[i] = Math.sqrt(norm);
        // float32 squares cannot overflow a float64 sum of 2^16 terms: only NaN or ±∞ gets here.
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
    const sparse = sparseOf(q, SPARSE_SHARE);
    const hits: NearestHit[] = [];
    for (const partition of KNOWLEDGE_PARTITIONS) {
      const vectors = this.partitions.get(partition);
      if (!vectors) continue;
      hits.push(
        ...(sparse && vectors.finite
          ? this.nearestSparse(vectors, sparse, qNorm, topK)
          : this.nearestIn(vectors, q, qNorm, topK)),
      );
    }
    return hits;
  }

  /**
   * Every row scored exactly over the question's non-zero dimensions only: the same terms in the
   * same order as the full sum, less the ones that add exactly zero (see `finite`).
   */
  private nearestSparse(
    { ids, vectors, norms }: PartitionVectors,
    q: SparseQuery,
    qNorm: number,
    topK: number,
  ): NearestHit[] {
    if (topK <= 0 || ids.length === 0) return [];
    const { dims: at, values } = q;
    const terms = at.length;
    const width = this.dimensions;
    const rows = ids.length;
    const top = new TopK(topK);
    for (let row = 0; row < rows; row += 1) {
      const start = row * width;
      let dot = 0;
      for (let j = 0; j < terms; j += 1) dot += values[j]! * vectors[start + at[j]!]!;
      const norm = norms[row]!;
      top.offer(row, qNorm === 0 || norm === 0 ? 0 : dot / (qNorm * norm));
    }
    return top.rows.map((row, i) => ({ id: ids[row]!, score: top.scores[i]! }));
  }

  private nearestIn(
    { ids, vectors, norms }: PartitionVectors,
    q: Float32Array,
    qNorm: number,
    topK: number,
  ): NearestHit[] {
    if (topK <= 0 || ids.length === 0) return [];
    const dims = this.dimensions;
    const rows = ids.length;
    // Screening pass: four independent sums run about three times faster than one, but round
    // differently in the last bits. It only chooses which rows are scored exactly below.
    const approx = new Float64Array(rows);
    const q64 = Float64Array.from(q);
    for (let row = 0; row < rows; row += 1) {
      const start = row * dims;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let i = 0;
      for (; i + 3 < dims; i += 4) {
        s0 += q64[i]! * vectors[start + i]!;
        s1 += q64[i + 1]! * vectors[start + i + 1]!;
        s2 += q64[i + 2]! * vectors[start + i + 2]!;
        s3 += q64[i + 3]! * vectors[start + i + 3]!;
      }
      for (; i < dims; i += 1) s0 += q64[i]! * vectors[start + i]!;
      const norm = norms[row]!;
      approx[row] = qNorm === 0 || norm === 0 ? 0 : (s0 + s1 + (s2 + s3)) / (qNorm * norm);
    }
    // Every row that can be in the exact top k is within SCREEN_MARGIN of the k-th best screened
    // score: both sums of 1024 exact float products are within ~1e-13 of the true cosine.
    let threshold = -Infinity;
    if (rows > topK) {
      const sorted = approx.slice().sort();
      threshold = sorted[rows - topK]! - SCREEN_MARGIN;
    }
    const top = new TopK(topK);
    for (let row = 0; row < rows; row += 1) {
      if (approx[row]! < threshold) continue;
      top.offer(row, this.exactCosine(vectors, row * dims, q, qNorm, norms[row]!));
    }
    return top.rows.map((row, i) => ({ id: ids[row]!, score: top.scores[i]! }));
  }

  /** The store's exact search, term for term: one float64 sum in dimension order. */
  private exactCosine(
    vectors: Float32Array,
    start: number,
    q: Float32Array,
    qNorm: number,
    norm: number,
  ): number {
    let dot = 0;
    for (let i = 0; i < this.dimensions; i += 1) dot += q[i]! * vectors[start + i]!;
    return qNorm === 0 || norm === 0 ? 0 : dot / (qNorm * norm);
  }
}

/** The question's non-zero dimensions when they are at most `share` of all, else null. */
function sparseOf(q: Float32Array, share: number): SparseQuery | null {
  let count = 0;
  for (let i = 0; i < q.length; i += 1) if (q[i] !== 0) count += 1;
  if (count > q.length * share) return null;
  const dims = new Int32Array(count);
  const values = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < q.length; i += 1) {
    if (q[i] === 0) continue;
    dims[j] = i;
    values[j] = q[i]!;
    j += 1;
  }
  return { dims, values };
}

/**
 * The best `k` rows offered, best first; a later row displaces only with a strictly higher score,
 * as a stable sort does.
 */
class TopK {
  readonly scores: number[] = [];
  readonly rows: number[] = [];

  constructor(private readonly k: number) {}

  offer(row: number, score: number): void {
    const { scores, rows, k } = this;
    if (scores.length === k && !(score > scores[k - 1]!)) return;
    let at = scores.length;
    while (at > 0 && score > scores[at - 1]!) at -= 1;
    scores.splice(at, 0, score);
    rows.splice(at, 0, row);
    if (scores.length > k) {
      scores.pop();
      rows.pop();
    }
  }
}
