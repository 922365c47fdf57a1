import { Writable } from 'node:stream';
import { eventually } from './eventually';

export type LogLine = Record<string, unknown> & {
  msg?: string;
  trace_id?: string;
  service?: string;
};

/** A pino destination that keeps the JSON lines a service wrote, for assertions. */
export class LogCapture extends Writable {
  readonly lines: LogLine[] = [];
  private partial = '';

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    const text = this.partial + chunk.toString('utf8');
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) this.lines.push(JSON.parse(part) as LogLine);
    done();
  }

  withTraceId(traceId: string): LogLine[] {
    return this.lines.filter((line) => line.trace_id === traceId);
  }

  waitFor(predicate: (line: LogLine) => boolean, timeoutMs = 5_000): Promise<LogLine> {
    return eventually(() => {
      const found = this.lines.find(predicate);
      if (!found) throw new Error('no matching log line yet');
      return found;
    }, timeoutMs);
  }
}
