import type { FlagEvaluation } from '@cxgenie/contracts';

interface Entry {
  evaluation: FlagEvaluation;
  expiresAt: number;
}

interface FlagEntries {
  /** Raised by every change of the flag: a load that began before it must not be kept. */
  generation: number;
  entries: Map<string, Entry>;
}

/** Where a load started from: handed back to `store`, which keeps the result only if still current. */
export interface MemoryTicket {
  flag: FlagEntries;
  generation: number;
  epoch: number;
}

/**
 * The process's own copy of evaluations, by flag and context key. A change message drops a
 * flag's entries and raises its generation; an evaluation fetched while that happened (it may
 * predate the change) is then refused by `store`, so it cannot undo the invalidation.
 */
export class EvaluationMemory {
  private flags = new Map<string, FlagEntries>();
  /** Raised when everything is dropped at once (a lost subscription, a flags service restart). */
  private epoch = 0;

  constructor(private readonly ttlMs: number) {}

  get(flagKey: string, contextKey: string, now: number): FlagEvaluation | undefined {
    const entry = this.flags.get(flagKey)?.entries.get(contextKey);
    if (entry === undefined || entry.expiresAt <= now) return undefined;
    return entry.evaluation;
  }

  ticket(flagKey: string): MemoryTicket {
    let flag = this.flags.get(flagKey);
    if (!flag) {
      flag = { generation: 0, entries: new Map() };
      this.flags.set(flagKey, flag);
    }
    return { flag, generation: flag.generation, epoch: this.epoch };
  }

  /** False when the flag changed since the ticket was taken: the evaluation may be stale. */
  store(
    ticket: MemoryTicket,
    contextKey: string,
    evaluation: FlagEvaluation,
    now: number,
  ): boolean {
    if (ticket.epoch !== this.epoch || ticket.flag.generation !== ticket.generation) return false;
    ticket.flag.entries.set(contextKey, { evaluation, expiresAt: now + this.ttlMs });
    return true;
  }

  invalidate(flagKeys: readonly string[]): void {
    for (const key of flagKeys) {
      const flag = this.flags.get(key);
      if (!flag) continue;
      flag.generation += 1;
      flag.entries.clear();
    }
  }

  invalidateAll(): void {
    this.epoch += 1;
    this.flags = new Map();
  }

  get size(): number {
    let size = 0;
    for (const flag of this.flags.values()) size += flag.entries.size;
    return size;
  }
}
