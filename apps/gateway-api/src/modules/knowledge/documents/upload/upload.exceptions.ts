import { HttpException, HttpStatus } from '@nestjs/common';

const NOTHING_STORED = 'Nothing was uploaded: fix or remove it and send the files again.';

/** One refused file fails the whole upload, so no request is ever half accepted. */
export class RejectedUploadException extends HttpException {
  constructor(
    status: HttpStatus,
    problems: { filename: string; problem: string }[],
    prefix: string = problems.length > 1 ? `${problems.length} files were refused: ` : '',
  ) {
    const details = problems.map(({ filename, problem }) => ({
      field: 'files',
      message: `"${filename}" ${problem}`,
    }));
    super(
      {
        message: `${prefix}${details.map((d) => d.message).join('; ')}. ${NOTHING_STORED}`,
        details,
      },
      status,
    );
  }
}

export class FileTooLargeException extends RejectedUploadException {
  constructor(filename: string, maxBytes: number) {
    super(HttpStatus.PAYLOAD_TOO_LARGE, [
      { filename, problem: `is larger than the ${formatBytes(maxBytes)} upload limit` },
    ]);
  }
}

export class UploadTooLargeException extends HttpException {
  constructor(maxTotalBytes: number) {
    super(
      {
        message: `The upload is over ${formatBytes(maxTotalBytes)} in total: send the files in several uploads. ${NOTHING_STORED}`,
        details: [{ field: 'files', message: `must total at most ${formatBytes(maxTotalBytes)}` }],
      },
      HttpStatus.PAYLOAD_TOO_LARGE,
    );
  }
}

export class NoFilesException extends HttpException {
  constructor() {
    super(
      {
        message: 'Attach one or more files as multipart/form-data in the "files" field',
        details: [{ field: 'files', message: 'must hold at least one file' }],
      },
      HttpStatus.BAD_REQUEST,
    );
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
