/*
 * 32-bit FNV-1a over UTF-16 code units, finished with MurmurHash3's fmix32: FNV alone is fast but
 * its low bits are weak, and the bucket index is taken from the low bits.
 */
export function hashString(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return fmix32(hash);
}

function fmix32(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * Adds `weight` to the feature's bucket with a hash-derived sign, so colliding features cancel
 * on average instead of piling up (Weinberger et al., "Feature Hashing for Large Scale Multitask
 * Learning").
 */
export function addHashedFeature(
  vector: Float64Array,
  feature: string,
  seed: number,
  weight: number,
): void {
  const hash = hashString(feature, seed);
  const bucket = hash % vector.length;
  vector[bucket]! += hash & 0x80000000 ? -weight : weight;
}
