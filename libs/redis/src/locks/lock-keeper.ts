import type { HeardRelease, HeldLock, RedisLocks } from './redis-locks';

/**
 * How recent a confirmation of ownership must be for a side effect to go without asking Redis
 * again. Far below any lock TTL, so a lock cannot have expired in between; it spares a round trip
 * per chunk when a fast model streams many chunks at once.
 */
export const OWNERSHIP_FRESH_MS = 20;

/**
 * Keeps a lock alive while slow work (an LLM answer) runs, and remembers the moment it was lost,
 * so the worker checks `lost` before every side effect and stops publishing once it is not the
 * owner any more.
 */
export class LockKeeper {
  private timer: NodeJS.Timeout | null = null;
  private lostLock = false;
  /** When Redis last confirmed us as the owner (the moment the question was asked). */
  private confirmedAt = performance.now();

  constructor(
    private readonly locks: RedisLocks,
    readonly lock: HeldLock,
    private readonly ttlMs: number,
  ) {}

  start(): this {
    this.timer = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
    return this;
  }

  get lost(): boolean {
    return this.lostLock;
  }

  /** Before each side effect: asks Redis unless it confirmed us within `OWNERSHIP_FRESH_MS`. */
  async stillHeld(): Promise<boolean> {
    if (this.lostLock) return false;
    const askedAt = performance.now();
    if (askedAt - this.confirmedAt < OWNERSHIP_FRESH_MS) return true;
    this.lostLock = !(await this.locks.isHeld(this.lock));
    if (!this.lostLock) this.confirmedAt = askedAt;
    return !this.lostLock;
  }

  /**
   * The answer of an ownership check made elsewhere, atomically with a side effect (a script that
   * acts only while the lock holds `lock.token`), asked at `askedAt` (performance.now()).
   */
  noteOwnership(held: boolean, askedAt: number): void {
    if (!held) {
      this.lostLock = true;
      this.stop();
      return;
    }
    this.confirmedAt = Math.max(this.confirmedAt, askedAt);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Stops keeping the lock and lets it go (a no-op if somebody else has it now). */
  async release(): Promise<void> {
    this.stop();
    await this.locks.release(this.lock).catch(() => false);
  }

  /**
   * release() for a lock taken with acquireOrKnock: whether a waiter knocked while it was held.
   * A failed release reports `not-held`: the caller then asks whoever knows (its database).
   */
  async releaseHearing(): Promise<HeardRelease> {
    this.stop();
    return this.locks.releaseHearing(this.lock).catch(() => 'not-held' as const);
  }

  private async renew(): Promise<void> {
    if (this.lostLock) return;
    const askedAt = performance.now();
    const extended = await this.locks.extend(this.lock, this.ttlMs).catch(() => false);
    if (!extended) {
      this.lostLock = true;
      this.stop();
      return;
    }
    this.confirmedAt = Math.max(this.confirmedAt, askedAt);
  }
}
