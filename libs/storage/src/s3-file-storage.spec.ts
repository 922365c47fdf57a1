import { randomBytes } from 'node:crypto';
import { ConfigError, loadServiceConfig } from '@cxgenie/config';
import {
  InvalidStorageKeyError,
  S3FileStorage,
  StorageObjectNotFoundError,
  createFileStorage,
} from '@cxgenie/storage';
import { FAKE_S3_ACCESS_KEY_ID, FAKE_S3_SECRET_ACCESS_KEY, FakeS3 } from '@cxgenie/testing';

describe('S3FileStorage through the AWS SDK against the S3 wire protocol', () => {
  let s3: FakeS3;
  const opened: S3FileStorage[] = [];

  const storageFor = (overrides: Record<string, string> = {}): S3FileStorage => {
    const config = loadServiceConfig('gateway-api', {
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'uploads',
      S3_ENDPOINT: s3.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: FAKE_S3_ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: FAKE_S3_SECRET_ACCESS_KEY,
      ...overrides,
    });
    const storage = createFileStorage(config);
    if (!(storage instanceof S3FileStorage)) throw new Error('expected the S3 driver');
    opened.push(storage);
    return storage;
  };

  beforeAll(async () => {
    s3 = await FakeS3.start({ buckets: ['uploads'] });
  });
  afterAll(async () => {
    opened.forEach((storage) => storage.close());
    await s3.close();
  });

  it('puts, heads, gets and deletes an object under its key in the bucket', async () => {
    const storage = storageFor();
    const key = `ws-${randomBytes(3).toString('hex')}/source/${'b'.repeat(64)}`;
    const bytes = randomBytes(200_000);
    expect(await storage.exists(key)).toBe(false);

    await storage.put(key, bytes, 'application/pdf');
    const stored = s3.object('uploads', key);
    expect(stored?.contentType).toBe('application/pdf');
    expect(stored?.body.equals(bytes)).toBe(true);
    expect(await storage.exists(key)).toBe(true);
    expect((await storage.get(key)).equals(bytes)).toBe(true);

    await storage.delete(key);
    expect(s3.object('uploads', key)).toBeUndefined();
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StorageObjectNotFoundError);
    await expect(storage.delete(key)).resolves.toBeUndefined();
    expect(s3.requests.filter((r) => r.key === key).map((r) => `${r.method} ${r.status}`)).toEqual([
      'HEAD 404',
      'PUT 200',
      'HEAD 200',
      'GET 200',
      'DELETE 204',
      'HEAD 404',
      'GET 404',
      'DELETE 204',
    ]);
  });

  it('retries a transient S3 failure', async () => {
    const storage = storageFor();
    s3.failNext(503, 'SlowDown');
    await storage.put('retried', Buffer.from('kept'), 'text/plain');
    expect(s3.object('uploads', 'retried')?.body.toString()).toBe('kept');
    expect(s3.requests.filter((r) => r.key === 'retried').map((r) => r.status)).toEqual([503, 200]);
  });

  it('fails, without storing, when the secret or the region is wrong', async () => {
    const wrongSecret = storageFor({ S3_SECRET_ACCESS_KEY: 'not-the-secret' });
    await expect(wrongSecret.put('denied', Buffer.from('x'), 'text/plain')).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
    const wrongRegion = storageFor({ S3_REGION: 'eu-west-3' });
    await expect(wrongRegion.exists('denied')).rejects.toMatchObject({
      $metadata: { httpStatusCode: 400 },
    });
    expect(s3.object('uploads', 'denied')).toBeUndefined();
  });

  it('reports a missing bucket as an error, not as a missing object', async () => {
    const storage = storageFor({ S3_BUCKET: 'no-such-bucket' });
    await expect(storage.get('anything')).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });

  it('refuses unsafe keys before any request', async () => {
    const storage = storageFor();
    const before = s3.requests.length;
    await expect(storage.put('../escape', Buffer.from('x'), 'text/plain')).rejects.toBeInstanceOf(
      InvalidStorageKeyError,
    );
    expect(s3.requests.length).toBe(before);
  });

  it('needs a bucket, and both keys or neither', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadServiceConfig('gateway-api', { STORAGE_DRIVER: 's3', ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems.map((p) => `${p.variable} ${p.problem}`);
      }
    };
    expect(problems({})).toEqual(['S3_BUCKET is required when STORAGE_DRIVER=s3']);
    expect(problems({ S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'AK' })).toEqual([
      'S3_SECRET_ACCESS_KEY is required when the other S3 key variable is set',
    ]);
    expect(problems({ S3_BUCKET: 'b' })).toEqual([]);
  });
});
