import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InvalidStorageKeyError,
  LocalFileStorage,
  StorageObjectNotFoundError,
  createFileStorage,
} from '@cxgenie/storage';
import { loadServiceConfig } from '@cxgenie/config';

describe('LocalFileStorage', () => {
  let root: string;
  let storage: LocalFileStorage;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'cxgenie-storage-'));
    storage = new LocalFileStorage(join(root, 'uploads'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('stores, reads back, replaces and deletes bytes under a nested key', async () => {
    const key = `ws-1/source-1/${'a'.repeat(64)}`;
    const bytes = randomBytes(70_000);
    expect(await storage.exists(key)).toBe(false);

    await storage.put(key, bytes, 'application/pdf');
    expect(await storage.exists(key)).toBe(true);
    expect((await storage.get(key)).equals(bytes)).toBe(true);
    expect((await readFile(join(root, 'uploads', key))).equals(bytes)).toBe(true);

    await storage.put(key, Buffer.from('second'), 'text/plain');
    expect((await storage.get(key)).toString()).toBe('second');
    // Only the object itself: no partial file left beside it.
    expect(await readdir(join(root, 'uploads', 'ws-1', 'source-1'))).toEqual(['a'.repeat(64)]);

    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StorageObjectNotFoundError);
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('makes a folder again when it was removed after an earlier write', async () => {
    await storage.put('ws-2/mail/first', Buffer.from('one'), 'message/rfc822');
    await rm(join(root, 'uploads', 'ws-2'), { recursive: true });
    await storage.put('ws-2/mail/second', Buffer.from('two'), 'message/rfc822');
    expect((await storage.get('ws-2/mail/second')).toString()).toBe('two');
    expect(await readdir(join(root, 'uploads', 'ws-2', 'mail'))).toEqual(['second']);
  });

  it('stores an empty object', async () => {
    await storage.put('empty', Buffer.alloc(0), 'text/plain');
    expect((await storage.get('empty')).length).toBe(0);
  });

  it('treats a key whose parent is a file as missing', async () => {
    await storage.put('a/b', Buffer.from('x'), 'text/plain');
    expect(await storage.exists('a/b/c')).toBe(false);
    await expect(storage.get('a/b/c')).rejects.toBeInstanceOf(StorageObjectNotFoundError);
  });

  it.each([
    ['../outside', 'parent segment'],
    ['a/../../outside', 'parent segment inside'],
    ['/etc/passwd', 'absolute'],
    ['a//b', 'empty segment'],
    ['a/./b', 'dot segment'],
    ['.hidden', 'leading dot'],
    ['a\\..\\..\\outside', 'backslashes'],
    ['a/b c', 'space'],
    ['a/%2e%2e', 'percent'],
    ['a\0b', 'NUL byte'],
    ['', 'empty'],
    ['k'.repeat(513), 'overlong'],
  ])('refuses the key %j (%s) for every operation', async (key) => {
    await writeFile(join(root, 'outside'), 'secret');
    await expect(storage.put(key, Buffer.from('x'), 'text/plain')).rejects.toBeInstanceOf(
      InvalidStorageKeyError,
    );
    await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.exists(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    expect(await readFile(join(root, 'outside'), 'utf8')).toBe('secret');
  });

  it('is what the default configuration builds, under DATA_DIR/uploads', () => {
    const config = loadServiceConfig('gateway-api', { DATA_DIR: root });
    const built = createFileStorage(config);
    expect(built).toBeInstanceOf(LocalFileStorage);
    expect((built as LocalFileStorage).root).toBe(join(root, 'uploads'));
  });

  it('lives in STORAGE_LOCAL_DIR when one is set', () => {
    const dir = join(root, 'shared-uploads');
    const config = loadServiceConfig('gateway-api', { DATA_DIR: root, STORAGE_LOCAL_DIR: dir });
    expect((createFileStorage(config) as LocalFileStorage).root).toBe(dir);
  });
});
