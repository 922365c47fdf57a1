import type { ConversationLock, HeldLock } from './conversation-lock';

/**
 * Keeps a lock alive while slow work (an LLM answer) runs, and remembers the moment it was lost,
 * so the worker checks `lost` before every side effect and stops publishing once it is not the
 * owner any more.
 */
export class LockKeeper {
  private timer: NodeJS.Timeout | null = null;
  private lostLock = false;

  constructor(
    private readonly locks: ConversationLock,
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

  /** A fresh check against Redis, for the moments that matter (before persisting). */
  async stillHeld(): Promise<boolean> {
    if (this.lostLock) return false;
    this.lostLock = !(await this.locks.isHeld(this.lock));
    return !this.lostLock;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async renew(): Promise<void> {
    if (this.lostLock) return;
    const extended = await this.locks.extend(this.lock, this.ttlMs).catch(() => false);
    if (!extended) {
      this.lostLock = true;
      this.stop();
    }
  }
}
