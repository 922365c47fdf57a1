import type { AnalyticsFact } from '@cxgenie/contracts';
import { FactTally } from '../analytics.metrics';

/**
 * A job's facts as the writer holds them until their insert: their JSONEachRow lines in one flat
 * string, and beside it what the "already stored?" check and the metrics need. Neither the facts
 * nor a row object per fact outlive the encoding (ADR 0048): what lives until the insert is a few
 * large objects per job, which the young generation's collector does not copy fact by fact.
 */
export class EncodedFacts {
  constructor(
    /** Every fact's line, newline included, one after another. */
    readonly text: string,
    /** Where each fact's line starts in `text`, and (last) where the last one ends. */
    private readonly starts: Uint32Array,
    /** Each fact's type, id, workspace and time (ms since the epoch, UTC). */
    readonly types: readonly string[],
    readonly ids: readonly string[],
    readonly workspaceIds: readonly string[],
    readonly at: Float64Array,
    /** The metrics of all the job's facts, for the common case where all of them are stored. */
    readonly tally: FactTally,
  ) {}

  get length(): number {
    return this.ids.length;
  }

  line(i: number): string {
    return this.text.slice(this.starts[i], this.starts[i + 1]);
  }
}

/** Gathers a job's facts one by one, then joins their lines once. */
export class EncodedFactsBuilder {
  private readonly lines: string[] = [];
  private readonly types: string[] = [];
  private readonly ids: string[] = [];
  private readonly workspaceIds: string[] = [];
  private readonly starts: Uint32Array;
  private readonly at: Float64Array;
  private readonly tally = new FactTally();
  private end = 0;

  constructor(capacity: number) {
    this.starts = new Uint32Array(capacity + 1);
    this.at = new Float64Array(capacity);
  }

  push(fact: AnalyticsFact, line: string, at: number, channel: string, costUsd: number): void {
    const i = this.ids.length;
    this.lines.push(line);
    this.types.push(fact.type);
    this.ids.push(fact.id);
    this.workspaceIds.push(fact.workspaceId);
    this.at[i] = at;
    this.starts[i] = this.end;
    this.end += line.length;
    this.starts[i + 1] = this.end;
    this.tally.add(fact, channel, costUsd);
  }

  build(): EncodedFacts {
    const n = this.ids.length;
    // join copies each line (a rope of its fields) into one flat string: the pieces die young.
    return new EncodedFacts(
      this.lines.join(''),
      this.starts.subarray(0, n + 1),
      this.types,
      this.ids,
      this.workspaceIds,
      this.at.subarray(0, n),
      this.tally,
    );
  }
}
