import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@cxgenie/config';
import { type FileStorage, STORAGE } from './file-storage.port';
import { S3FileStorage } from './s3-file-storage';
import { type StorageConfig, createFileStorage } from './storage.factory';

/** Provides `STORAGE` (a `FileStorage`) to the whole application. */
@Module({})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(STORAGE) private readonly storage: FileStorage) {}

  /** With the configuration at hand (a service's root module). */
  static forRoot(config: StorageConfig): DynamicModule {
    return {
      module: StorageModule,
      global: true,
      providers: [{ provide: STORAGE, useFactory: () => createFileStorage(config) }],
      exports: [STORAGE],
    };
  }

  /** From the platform's `SERVICE_CONFIG`, for a feature module that has no config in hand. */
  static forService(): DynamicModule {
    return {
      module: StorageModule,
      global: true,
      providers: [
        {
          provide: STORAGE,
          useFactory: (config: StorageConfig) => createFileStorage(config),
          inject: [SERVICE_CONFIG],
        },
      ],
      exports: [STORAGE],
    };
  }

  onApplicationShutdown(): void {
    if (this.storage instanceof S3FileStorage) this.storage.close();
  }
}
