import { Worker } from 'node:worker_threads';

/** What the thread reading one PDF reports back. */
export type PdfThreadResult =
  | { kind: 'text'; totalPages: number; pages: { num: number; text: string }[] }
  | { kind: 'too-many-pages'; totalPages: number }
  | { kind: 'error'; name: string; message: string };

export interface PdfThreadOptions {
  maxPages: number;
  heapMb: number;
  timeoutMs: number;
}

/** Why the thread itself (not the PDF) gave up. */
export class PdfThreadError extends Error {
  constructor(
    readonly reason: 'out-of-memory' | 'timeout' | 'crashed',
    message: string,
  ) {
    super(message);
    this.name = 'PdfThreadError';
  }
}

/*
 * Plain CommonJS evaluated in a worker thread. pdf-parse (pdf.js) loads its own worker through a
 * dynamic import, which Jest's module sandbox cannot do; a real thread can. The thread also keeps
 * pdf.js's CPU time off the event loop (Bull's lock renewals, health checks) and gives the parse a
 * heap limit and a deadline of its own, so a hostile PDF costs one thread, not the process.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PDFParse } = require(workerData.modulePath);
(async () => {
  const parser = new PDFParse({ data: workerData.bytes, verbosity: 0, stopAtErrors: false });
  try {
    const info = await parser.getInfo();
    if (info.total > workerData.maxPages) {
      parentPort.postMessage({ kind: 'too-many-pages', totalPages: info.total });
      return;
    }
    const result = await parser.getText({ pageJoiner: '' });
    parentPort.postMessage({
      kind: 'text',
      totalPages: result.total,
      pages: result.pages.map((page) => ({ num: page.num, text: page.text })),
    });
  } catch (error) {
    parentPort.postMessage({
      kind: 'error',
      name: String((error && error.name) || 'Error'),
      message: String((error && error.message) || error),
    });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
})();
`;

/** Reads a PDF's text page by page in a thread of its own. */
export async function readPdfInThread(
  bytes: Buffer,
  options: PdfThreadOptions,
): Promise<PdfThreadResult> {
  // A copy the thread owns: transferring the caller's buffer would detach Node's pooled memory.
  const data = new Uint8Array(bytes);
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: {
      modulePath: require.resolve('pdf-parse'),
      bytes: data,
      maxPages: options.maxPages,
    },
    transferList: [data.buffer],
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb },
    stdout: true,
    stderr: true,
  });
  // pdf.js writes font warnings to the console; they are not ours to log.
  worker.stdout.resume();
  worker.stderr.resume();
  try {
    return await new Promise<PdfThreadResult>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new PdfThreadError(
              'timeout',
              `reading the PDF took longer than ${options.timeoutMs} ms`,
            ),
          ),
        options.timeoutMs,
      );
      const settle = (settleWith: () => void) => {
        clearTimeout(timer);
        settleWith();
      };
      worker.once('message', (result: PdfThreadResult) => settle(() => resolve(result)));
      worker.once('error', (error: Error & { code?: string }) =>
        settle(() =>
          reject(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new PdfThreadError('out-of-memory', error.message)
              : new PdfThreadError('crashed', error.message),
          ),
        ),
      );
      worker.once('exit', (code) =>
        settle(() => reject(new PdfThreadError('crashed', `PDF thread exited with code ${code}`))),
      );
    });
  } finally {
    await worker.terminate();
  }
}
