import type { Readable } from 'node:stream';
import { KnowledgeException } from '../../knowledge.exception';

/** What multer hands a storage engine for each file part. */
interface IncomingFilePart {
  originalname: string;
  stream: Readable;
}

type EngineCallback = (error: Error | null, info?: { buffer: Buffer; size: number }) => void;

const OVERSIZED = Symbol('oversizedUpload');
const RECEIVED = Symbol('uploadBytesReceived');
type MarkedRequest = { [OVERSIZED]?: string; [RECEIVED]?: number };

/**
 * Multer's memory storage, with two additions: a note of which file hit the per-file limit
 * (multer's own error names only the form field) and a cap on the whole request, since every
 * file of an upload is held in memory until all of them are checked.
 */
export function memoryStorageNamingOversized(maxTotalBytes: number) {
  return {
    _handleFile(req: MarkedRequest, file: IncomingFilePart, callback: EngineCallback): void {
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const settle = (error: Error | null, info?: { buffer: Buffer; size: number }) => {
        if (settled) return;
        settled = true;
        callback(error, info);
      };
      file.stream.once('limit', () => {
        req[OVERSIZED] ??= file.originalname;
      });
      file.stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        req[RECEIVED] = (req[RECEIVED] ?? 0) + chunk.length;
        if (req[RECEIVED] > maxTotalBytes) {
          chunks.length = 0;
          settle(KnowledgeException.uploadTooLarge(maxTotalBytes));
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      file.stream.once('error', (error: Error) => settle(error));
      file.stream.once('end', () => settle(null, { buffer: Buffer.concat(chunks, size), size }));
    },
    _removeFile(_req: MarkedRequest, file: { buffer?: Buffer }, callback: (e: null) => void): void {
      delete file.buffer;
      callback(null);
    },
  };
}

/** The name of the first file that exceeded the size limit in this request, if any. */
export const oversizedFileOf = (req: object): string | undefined =>
  (req as MarkedRequest)[OVERSIZED];
