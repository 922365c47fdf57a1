import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { type FileStorage, StorageObjectNotFoundError } from './file-storage.port';
import { assertValidStorageKey } from './storage-key';

export interface S3FileStorageOptions {
  bucket: string;
  region: string;
  /** S3-compatible server (MinIO, R2, a test fake); omitted for AWS. */
  endpoint?: string | null;
  forcePathStyle?: boolean;
  /** Both or neither; neither uses the SDK's default credential chain. */
  accessKeyId?: string | null;
  secretAccessKey?: string | null;
  /** Attempts per request, the first included (SDK default 3). */
  maxAttempts?: number;
}

// GET names the missing key (a missing bucket is NoSuchBucket, a configuration error); HEAD has
// no body to tell the two apart, so there a 404 is all S3 says.
const isNoSuchKey = (error: unknown): boolean =>
  error instanceof S3ServiceException && error.name === 'NoSuchKey';
const isHeadNotFound = (error: unknown): boolean =>
  error instanceof S3ServiceException && error.$metadata?.httpStatusCode === 404;

/** Objects in one bucket through the AWS SDK v3, keys used as given (already validated). */
export class S3FileStorage implements FileStorage {
  private readonly client: S3Client;
  readonly bucket: string;

  constructor(options: S3FileStorageOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      ...(options.accessKeyId && options.secretAccessKey
        ? {
            credentials: {
              accessKeyId: options.accessKeyId,
              secretAccessKey: options.secretAccessKey,
            },
          }
        : {}),
      ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    });
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    assertValidStorageKey(key);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ContentLength: body.length,
      }),
    );
  }

  async get(key: string): Promise<Buffer> {
    assertValidStorageKey(key);
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      if (!object.Body) throw new StorageObjectNotFoundError(key);
      return Buffer.from(await object.Body.transformToByteArray());
    } catch (error) {
      if (isNoSuchKey(error)) throw new StorageObjectNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidStorageKey(key);
    // S3 answers 204 for a missing key too, so deleting twice is not an error.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async exists(key: string): Promise<boolean> {
    assertValidStorageKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isHeadNotFound(error)) return false;
      throw error;
    }
  }

  /** Closes the SDK's keep-alive sockets so the process can exit. */
  close(): void {
    this.client.destroy();
  }
}
