/**
 * Where uploaded files live. Keys are `/`-separated paths of safe segments (see
 * `assertValidStorageKey`); the same key names the same bytes on every driver.
 */
export interface FileStorage {
  /** Writes the whole object; an existing object under the key is replaced. */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** @throws StorageObjectNotFoundError when nothing is stored under the key. */
  get(key: string): Promise<Buffer>;
  /** Idempotent: deleting a missing object succeeds. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/** Injection token of the process's `FileStorage`. */
export const STORAGE = Symbol('STORAGE');

export class StorageObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no stored object under key "${key}"`);
    this.name = 'StorageObjectNotFoundError';
  }
}

export class InvalidStorageKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`invalid storage key "${key.slice(0, 200)}": ${reason}`);
    this.name = 'InvalidStorageKeyError';
  }
}
