import type { AnalyticsFact } from '@cxgenie/contracts';
import { FactTally } from '../analytics.metrics';

/**
 * A job's facts as the writer holds them until their insert: their JSONEachRow lines in one flat
 * string, and beside it what the "already stored?" check and the metrics need. Neither the facts
 * nor a row object per fact outlive the encoding (ADR 0048), and neither does a string per fact
 * (ADR 0056): ids are one flat string cut by offsets, types and workspaces a code per fact into
 * the job's few distinct ones. What lives until the insert is a dozen objects per job, whatever
 * its size, which the young generation's collector copies as a handful of large ones instead of
 * three small strings per fact.
 */
export class EncodedFacts {
  constructor(
    /** Every fact's line, newline included, one after another. */
    readonly text: string,
    /** Where each fact's line starts in `text`, and (last) where the last one ends. */
    private readonly starts: Uint32Array,
    /** Every fact's id, one after another, and where each starts (and the last ends). */
    private readonly idText: string,
    private readonly idStarts: Uint32Array,
    /** The job's distinct types and workspaces, and which of them each fact has. */
    private readonly typeNames: readonly string[],
    private readonly typeOf: Uint32Array,
    private readonly workspaceNames: readonly string[],
    private readonly workspaceOf: Uint32Array,
    /** Each fact's time (ms since the epoch, UTC). */
    readonly at: Float64Array,
    /** The metrics of all the job's facts, for the common case where all of them are stored. */
    readonly tally: FactTally,
  ) {}

  get length(): number {
    return this.at.length;
  }

  line(i: number): string {
    return this.text.slice(this.starts[i], this.starts[i + 1]);
  }

  id(i: number): string {
    return this.idText.slice(this.idStarts[i], this.idStarts[i + 1]);
  }

  type(i: number): string {
    return this.typeNames[this.typeOf[i]!]!;
  }

  workspaceId(i: number): string {
    return this.workspaceNames[this.workspaceOf[i]!]!;
  }
}

/** Distinct values of a job, numbered in order of appearance. */
class Codes {
  readonly names: string[] = [];
  private readonly codes = new Map<string, number>();

  of(name: string): number {
    let code = this.codes.get(name);
    if (code === undefined) {
      code = this.names.length;
      this.codes.set(name, code);
      this.names.push(name);
    }
    return code;
  }
}

/** Gathers a job's facts one by one, then joins their lines and ids once. */
export class EncodedFactsBuilder {
  private readonly lines: string[] = [];
  private readonly ids: string[] = [];
  private readonly types = new Codes();
  private readonly workspaces = new Codes();
  private readonly starts: Uint32Array;
  private readonly idStarts: Uint32Array;
  private readonly typeOf: Uint32Array;
  private readonly workspaceOf: Uint32Array;
  private readonly at: Float64Array;
  private readonly tally = new FactTally();
  private end = 0;
  private idEnd = 0;

  constructor(capacity: number) {
    this.starts = new Uint32Array(capacity + 1);
    this.idStarts = new Uint32Array(capacity + 1);
    this.typeOf = new Uint32Array(capacity);
    this.workspaceOf = new Uint32Array(capacity);
    this.at = new Float64Array(capacity);
  }

  push(fact: AnalyticsFact, line: string, at: number, channel: string, costUsd: number): void {
    const i = this.lines.length;
    // A careless publisher's id may be no string; the row's JSON writes it as it is.
    const id = typeof fact.id === 'string' ? fact.id : String(fact.id);
    this.lines.push(line);
    this.ids.push(id);
    this.typeOf[i] = this.types.of(fact.type);
    this.workspaceOf[i] = this.workspaces.of(fact.workspaceId);
    this.at[i] = at;
    this.starts[i] = this.end;
    this.end += line.length;
    this.starts[i + 1] = this.end;
    this.idStarts[i] = this.idEnd;
    this.idEnd += id.length;
    this.idStarts[i + 1] = this.idEnd;
    this.tally.add(fact, channel, costUsd);
  }

  build(): EncodedFacts {
    const n = this.lines.length;
    // join copies each piece into one flat string: the pieces (and the facts) die young.
    return new EncodedFacts(
      this.lines.join(''),
      this.starts.subarray(0, n + 1),
      this.ids.join(''),
      this.idStarts.subarray(0, n + 1),
      this.types.names,
      this.typeOf.subarray(0, n),
      this.workspaces.names,
      this.workspaceOf.subarray(0, n),
      this.at.subarray(0, n),
      this.tally,
    );
  }
}
