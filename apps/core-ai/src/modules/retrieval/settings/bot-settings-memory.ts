import type { BotKnowledgeSettings } from '@cxgenie/contracts';

export interface BotSettingsMemoryOptions {
  /** Bots held; least recently used dropped first. 0: nothing is held. */
  capacity: number;
  /** Longest an entry is trusted: the bound on staleness should an announcement be lost unseen. */
  ttlMs: number;
  now?: () => number;
}

interface Entry {
  settings: Readonly<BotKnowledgeSettings>;
  expiresAt: number;
  /**
   * A read behind the searches was started for it: one per entry (a success replaces the entry,
   * a failure must not be retried on every search).
   */
  refreshStarted?: boolean;
}

/** A read of the database under way; `stale` once a change was announced while it ran. */
interface Flight {
  promise: Promise<BotKnowledgeSettings | null>;
  stale: boolean;
}

/**
 * Bots' knowledge settings in memory, by workspace and bot (ADR 0060). Correct only while every
 * change announcement reaches it, so it serves nothing until told it is `live` (subscribed), and
 * anything from before a lost subscription is dropped. A read that was under way when its bot's
 * change was announced is answered but not kept: it may hold the settings from before the change.
 * Concurrent misses of one bot share one read; a bot in use is read again in the background once
 * past half of `ttlMs`. A missing bot (null) is never kept, so a bot created later needs no
 * announcement.
 */
export class BotSettingsMemory {
  private readonly entries = new Map<string, Entry>();
  private readonly flights = new Map<string, Flight>();
  private readonly now: () => number;
  private live = false;
  private hits = 0;
  private misses = 0;
  /** Searches that joined a read already under way: neither from memory nor a read of their own. */
  private shared = 0;
  /** Reads behind a search answered from memory (past half the entry's life). */
  private refreshes = 0;

  constructor(private readonly options: BotSettingsMemoryOptions) {
    this.now = options.now ?? Date.now;
  }

  get(
    workspaceId: string,
    botId: string,
    read: () => Promise<BotKnowledgeSettings | null>,
  ): Promise<BotKnowledgeSettings | null> {
    if (!this.live || this.options.capacity <= 0) {
      this.misses += 1;
      return read();
    }
    const key = keyOf(workspaceId, botId);
    const startedAt = this.now();
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      if (entry.expiresAt > startedAt) {
        this.entries.set(key, entry);
        this.hits += 1;
        // Past half its life, a bot in use is read again behind this search, so that its
        // searches do not wait for the database when the entry expires; the read counts its
        // own life from when it began, so the bound on staleness is unchanged.
        if (
          entry.expiresAt - startedAt < this.options.ttlMs / 2 &&
          !entry.refreshStarted &&
          !this.flights.has(key)
        ) {
          entry.refreshStarted = true;
          this.refreshes += 1;
          this.fly(key, read, startedAt).catch(() => {
            // The search that finds the entry expired reads it itself, and fails there if it must.
          });
        }
        return Promise.resolve(entry.settings);
      }
    }
    const underWay = this.flights.get(key);
    if (underWay) {
      this.shared += 1;
      return underWay.promise;
    }
    this.misses += 1;
    return this.fly(key, read, startedAt);
  }

  private fly(
    key: string,
    read: () => Promise<BotKnowledgeSettings | null>,
    startedAt: number,
  ): Promise<BotKnowledgeSettings | null> {
    const flight: Flight = { promise: Promise.resolve(null), stale: false };
    flight.promise = read()
      .then((settings) => {
        if (settings && !flight.stale) this.keep(key, settings, startedAt);
        // Gone (deleted, its announcement lost): what was kept of it goes too.
        else if (!settings && !flight.stale) this.entries.delete(key);
        return settings;
      })
      .finally(() => {
        if (this.flights.get(key) === flight) this.flights.delete(key);
      });
    this.flights.set(key, flight);
    return flight.promise;
  }

  /** The bot's settings changed or it was deleted: the next search reads them again. */
  drop(workspaceId: string, botId: string): void {
    const key = keyOf(workspaceId, botId);
    this.entries.delete(key);
    const flight = this.flights.get(key);
    if (flight) {
      flight.stale = true;
      this.flights.delete(key);
    }
  }

  /** Any bot may have changed (announcements may have been missed). */
  dropAll(): void {
    this.entries.clear();
    for (const flight of this.flights.values()) flight.stale = true;
    this.flights.clear();
  }

  /**
   * Whether announcements are being received. Either way what is held is dropped: going live, it
   * may predate announcements missed before the subscription; going dark, it could go stale.
   */
  setLive(live: boolean): void {
    this.dropAll();
    this.live = live;
  }

  stats(): {
    live: boolean;
    size: number;
    hits: number;
    misses: number;
    shared: number;
    refreshes: number;
  } {
    const { live, hits, misses, shared, refreshes } = this;
    return { live, size: this.entries.size, hits, misses, shared, refreshes };
  }

  private keep(key: string, settings: BotKnowledgeSettings, readAt: number): void {
    // Counted from when the read began: the row may have been read any time after that.
    this.entries.set(key, {
      settings: Object.freeze(settings),
      expiresAt: readAt + this.options.ttlMs,
    });
    if (this.entries.size > this.options.capacity)
      this.entries.delete(this.entries.keys().next().value!);
  }
}

const keyOf = (workspaceId: string, botId: string): string => `${workspaceId}:${botId}`;
