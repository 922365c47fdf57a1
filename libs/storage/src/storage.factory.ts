import { join } from 'node:path';
import type { StorageSettings } from '@cxgenie/config';
import type { FileStorage } from './file-storage.port';
import { LocalFileStorage } from './local-file-storage';
import { S3FileStorage } from './s3-file-storage';

/** The part of `ServiceConfig` the storage needs. */
export interface StorageConfig {
  dataDir: string;
  storage: StorageSettings;
}

export const localUploadsDir = (dataDir: string): string => join(dataDir, 'uploads');

/** `local` keeps files under `DATA_DIR/uploads`; `s3` in the configured bucket. */
export function createFileStorage(config: StorageConfig): FileStorage {
  const { driver, s3 } = config.storage;
  if (driver === 'local')
    return new LocalFileStorage(config.storage.localDir ?? localUploadsDir(config.dataDir));
  if (!s3.bucket) throw new Error('S3_BUCKET is required when STORAGE_DRIVER=s3');
  return new S3FileStorage({
    bucket: s3.bucket,
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: s3.forcePathStyle,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
  });
}
