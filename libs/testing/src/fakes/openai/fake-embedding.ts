import { createHash } from 'node:crypto';

/**
 * The vector the fake OpenAI server returns for a text: derived from the text alone, so a test can
 * compute the expected result. Deliberately NOT unit length (real OpenAI vectors are), so a test
 * proves the provider normalises whatever an OpenAI-compatible server sends. Values are float32,
 * so the float and base64 encodings carry the same numbers.
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const seed = createHash('sha256').update(text).digest();
  let a = seed.readUInt32LE(0) || 1;
  let b = seed.readUInt32LE(4) || 2;
  let c = seed.readUInt32LE(8) || 3;
  let d = seed.readUInt32LE(12) || 4;
  const vector = new Array<number>(dimensions);
  for (let i = 0; i < dimensions; i++) {
    // xorshift128: fast, deterministic, good enough to make distinct texts point apart.
    const t = a ^ (a << 11);
    a = b;
    b = c;
    c = d;
    d = (d ^ (d >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    vector[i] = Math.fround((d / 0xffffffff) * 4 - 2);
  }
  return vector;
}

/** Little-endian float32 bytes in base64: what the API returns for `encoding_format: 'base64'`. */
export function toBase64Float32(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => bytes.writeFloatLE(value, i * 4));
  return bytes.toString('base64');
}
