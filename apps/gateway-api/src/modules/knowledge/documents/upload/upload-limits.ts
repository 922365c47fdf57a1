import type { MulterModuleOptions } from '@nestjs/platform-express';
import type { ServiceConfig } from '@cxgenie/config';
import { memoryStorageNamingOversized } from './upload-storage.engine';

export const UPLOAD_FIELD = 'files';
/** Files are held in memory until all are checked: these bound one request's footprint. */
export const MAX_FILES_PER_UPLOAD = 20;
/** The whole request may carry this many times the single-file limit. */
const TOTAL_TO_FILE_LIMIT_RATIO = 4;

export const maxUploadTotalBytes = (config: ServiceConfig): number =>
  config.knowledge.uploadMaxBytes * TOTAL_TO_FILE_LIMIT_RATIO;

export const uploadMulterOptions = (config: ServiceConfig): MulterModuleOptions => ({
  storage: memoryStorageNamingOversized(maxUploadTotalBytes(config)),
  limits: {
    // Busboy refuses a file that reaches `fileSize`; a file of exactly the limit is allowed.
    fileSize: config.knowledge.uploadMaxBytes + 1,
    files: MAX_FILES_PER_UPLOAD,
    fields: 10,
    fieldSize: 64 * 1024,
    parts: MAX_FILES_PER_UPLOAD + 10,
    headerPairs: 100,
  },
});
