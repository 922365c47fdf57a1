import { InvalidStorageKeyError } from './file-storage.port';

const MAX_KEY_LENGTH = 512;
// Deliberately narrow: the same key must be a safe relative path on every filesystem and a plain
// S3 key, so nothing in it may be interpreted (separators, dots-only segments, control bytes).
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * Refuses, rather than rewrites, a key that could escape the storage root or mean something else
 * on another driver: rewriting would let two different keys name the same object.
 */
export function assertValidStorageKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0)
    throw new InvalidStorageKeyError(String(key), 'must not be empty');
  if (key.length > MAX_KEY_LENGTH)
    throw new InvalidStorageKeyError(key, `must be at most ${MAX_KEY_LENGTH} characters`);
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..')
      throw new InvalidStorageKeyError(key, 'must be relative, without empty, . or .. segments');
    if (!SEGMENT.test(segment))
      throw new InvalidStorageKeyError(
        key,
        'segments may only hold letters, digits, ".", "_" and "-", and not start with "."',
      );
  }
}
