import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { type FileStorage, StorageObjectNotFoundError } from './file-storage.port';
import { assertValidStorageKey } from './storage-key';

const isMissing = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException)?.code === 'ENOENT' ||
  (error as NodeJS.ErrnoException)?.code === 'ENOTDIR';

/**
 * Files under one root directory (`DATA_DIR/uploads` by default). The content type is not kept:
 * readers detect the type from the bytes, and the database row records it.
 */
export class LocalFileStorage implements FileStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, body: Buffer, _contentType: string): Promise<void> {
    const path = this.pathOf(key);
    // Written aside then renamed: a crash mid-write never leaves a truncated file under the key.
    const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await this.writeCreatingFolder(partial, body);
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  /**
   * The folder is made only when the write finds it missing: most writes go to a folder that
   * exists, and a recursive mkdir before each cost the SMTP receiver ~0.2 ms a mail.
   */
  private async writeCreatingFolder(path: string, body: Buffer): Promise<void> {
    try {
      await writeFile(path, body);
    } catch (error) {
      if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT') throw error;
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, body);
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if (isMissing(error)) throw new StorageObjectNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /** The key is validated first; the resolved path is checked again as a second lock. */
  private pathOf(key: string): string {
    assertValidStorageKey(key);
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error(`storage key escapes the root: ${key}`);
    return path;
  }
}
