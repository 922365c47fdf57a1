/** Scales a vector to unit length; cosine similarity then is a dot product. */
export function normalize(vector: number[]): number[] {
  let sumOfSquares = 0;
  for (const value of vector) sumOfSquares += value * value;
  const norm = Math.sqrt(sumOfSquares);
  // A zero vector has no direction; it is returned as it is rather than as NaNs.
  if (norm === 0 || !Number.isFinite(norm)) return vector;
  return vector.map((value) => value / norm);
}

/** Little-endian float32s, as OpenAI's `encoding_format: 'base64'` sends them. */
export function decodeBase64Float32(encoded: string): number[] {
  const bytes = Buffer.from(encoded, 'base64');
  const vector = new Array<number>(Math.floor(bytes.length / 4));
  for (let i = 0; i < vector.length; i++) vector[i] = bytes.readFloatLE(i * 4);
  return vector;
}

/**
 * One embedding as the wire carried it. OpenAI honours `encoding_format: 'base64'`; some
 * OpenAI-compatible servers ignore it and send floats, which are accepted too.
 */
export function decodeEmbedding(embedding: unknown): number[] | null {
  if (typeof embedding === 'string') return decodeBase64Float32(embedding);
  if (Array.isArray(embedding) && embedding.every((v) => typeof v === 'number')) {
    return embedding as number[];
  }
  return null;
}
