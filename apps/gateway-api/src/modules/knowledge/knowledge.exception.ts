import { AppException, type ErrorKind, type KnowledgeSourceType } from '@cxgenie/contracts';

export enum KnowledgeExceptionCode {
  /** Re-crawling is for websites, re-processing for uploaded documents. */
  WRONG_SOURCE_TYPE = 'WRONG_SOURCE_TYPE',
  /** A second run while one is queued or running would race it over the same chunks. */
  SOURCE_BUSY = 'SOURCE_BUSY',
  /** Saved, but its processing could not be queued: marked failed, can be re-queued. */
  NOT_QUEUED = 'NOT_QUEUED',
  /** One refused file fails the whole upload, so no request is ever half accepted. */
  FILES_INVALID = 'FILES_INVALID',
  /** A refused file is of a type the loader cannot read. */
  FILES_UNSUPPORTED = 'FILES_UNSUPPORTED',
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  UPLOAD_TOO_LARGE = 'UPLOAD_TOO_LARGE',
  NO_FILES = 'NO_FILES',
  TOO_MANY_FILES = 'TOO_MANY_FILES',
  UNEXPECTED_FIELD = 'UNEXPECTED_FIELD',
}

const KINDS: Record<KnowledgeExceptionCode, ErrorKind> = {
  WRONG_SOURCE_TYPE: 'conflict',
  SOURCE_BUSY: 'conflict',
  NOT_QUEUED: 'unavailable',
  FILES_INVALID: 'invalid',
  FILES_UNSUPPORTED: 'unsupported_media',
  FILE_TOO_LARGE: 'too_large',
  UPLOAD_TOO_LARGE: 'too_large',
  NO_FILES: 'invalid',
  TOO_MANY_FILES: 'invalid',
  UNEXPECTED_FIELD: 'invalid',
};

const NOTHING_STORED = 'Nothing was uploaded: fix or remove it and send the files again.';

export interface RefusedFile {
  filename: string;
  problem: string;
}

/** What the knowledge routes refuse: sources in the wrong state, uploads that cannot be taken. */
export class KnowledgeException extends AppException<KnowledgeExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static wrongSourceType(
    action: string,
    expected: KnowledgeSourceType,
    actual: KnowledgeSourceType,
  ): KnowledgeException {
    return new KnowledgeException(
      KnowledgeExceptionCode.WRONG_SOURCE_TYPE,
      `Only ${expected} sources can be ${action}; this source is a ${actual}`,
    );
  }

  static notQueued(): KnowledgeException {
    return new KnowledgeException(
      KnowledgeExceptionCode.NOT_QUEUED,
      'The source was saved but its processing could not be queued; it is marked failed and can be re-queued.',
    );
  }

  static sourceBusy(status: string): KnowledgeException {
    return new KnowledgeException(
      KnowledgeExceptionCode.SOURCE_BUSY,
      `The source is already ${status}; wait until it is ready or failed`,
    );
  }

  /** Every refused file named, with why; nothing of the upload is kept. */
  static filesRefused(
    problems: RefusedFile[],
    code:
      | KnowledgeExceptionCode.FILES_INVALID
      | KnowledgeExceptionCode.FILES_UNSUPPORTED
      | KnowledgeExceptionCode.FILE_TOO_LARGE,
    prefix: string = problems.length > 1 ? `${problems.length} files were refused: ` : '',
  ): KnowledgeException {
    const details = problems.map(({ filename, problem }) => ({
      field: 'files',
      message: `"${filename}" ${problem}`,
    }));
    return new KnowledgeException(
      code,
      `${prefix}${details.map((d) => d.message).join('; ')}. ${NOTHING_STORED}`,
      details,
    );
  }

  static fileTooLarge(filename: string, maxBytes: number): KnowledgeException {
    return KnowledgeException.filesRefused(
      [{ filename, problem: `is larger than the ${formatBytes(maxBytes)} upload limit` }],
      KnowledgeExceptionCode.FILE_TOO_LARGE,
    );
  }

  static uploadTooLarge(maxTotalBytes: number): KnowledgeException {
    return new KnowledgeException(
      KnowledgeExceptionCode.UPLOAD_TOO_LARGE,
      `The upload is over ${formatBytes(maxTotalBytes)} in total: send the files in several uploads. ${NOTHING_STORED}`,
      [{ field: 'files', message: `must total at most ${formatBytes(maxTotalBytes)}` }],
    );
  }

  static tooManyFiles(max: number, field: string): KnowledgeException {
    return new KnowledgeException(
      KnowledgeExceptionCode.TOO_MANY_FILES,
      `At most ${max} files can be uploaded at once. Nothing was uploaded.`,
      [{ field, message: `must hold at most ${max} files` }],
    );
  }

  static unexpectedField(field: string): KnowledgeException {
    return new KnowledgeException(
      KnowledgeExceptionCode.UNEXPECTED_FIELD,
      `Send files in the "${field}" field only. Nothing was uploaded.`,
      [{ field, message: 'is the only field files may be sent in' }],
    );
  }

  static noFiles(): KnowledgeException {
    return new KnowledgeException(
      KnowledgeExceptionCode.NO_FILES,
      'Attach one or more files as multipart/form-data in the "files" field',
      [{ field: 'files', message: 'must hold at least one file' }],
    );
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
