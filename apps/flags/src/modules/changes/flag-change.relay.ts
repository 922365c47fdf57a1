import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { LDClient } from '@launchdarkly/node-server-sdk';
import { FLAGS_FILE_LOADED } from '../../core-modules/launchdarkly/launchdarkly-client.factory';
import { LAUNCHDARKLY_CLIENT } from '../../core-modules/launchdarkly/launchdarkly.tokens';
import { ApplyFlagChanges } from './usecases/apply-flag-changes/apply-flag-changes.usecase';

const RETRY_MS = 500;

/**
 * The SDK's change events, to ApplyFlagChanges. Changes arriving together (a reloaded file, a
 * stream reconnect) are applied as one; a failure (Redis down) is retried until it succeeds,
 * since the caches would otherwise keep the old values until they expire.
 */
@Injectable()
export class FlagChangeRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FlagChangeRelay.name);
  private pending = new Set<string>();
  private pendingAll = false;
  private firstPendingAt: number | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(LAUNCHDARKLY_CLIENT) private readonly client: LDClient,
    private readonly apply: ApplyFlagChanges,
  ) {}

  onApplicationBootstrap(): void {
    this.client.on('update', ({ key }: { key: string }) => this.request([key]));
    this.client.on(FLAGS_FILE_LOADED, () => this.request(null));
    // Whatever was cached before this instance had its flags (a restart, LaunchDarkly coming
    // back) may be stale: everything is applied once when the SDK has its data.
    if (this.client.initialized()) this.request(null);
    else this.client.once('ready', () => this.request(null));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /** Resolves when everything requested so far has been applied (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private request(flagKeys: string[] | null): void {
    if (flagKeys === null) this.pendingAll = true;
    else for (const key of flagKeys) this.pending.add(key);
    this.firstPendingAt ??= Date.now();
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    // Let the rest of a burst of update events (they come synchronously) join this batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (!this.stopped && (this.pendingAll || this.pending.size > 0)) {
      const keys = this.pendingAll ? null : [...this.pending];
      const changedAt = this.firstPendingAt ?? Date.now();
      this.pending = new Set();
      this.pendingAll = false;
      this.firstPendingAt = null;
      try {
        await this.apply.execute(keys, changedAt);
      } catch (error) {
        this.logger.warn(`flags: change not applied yet, retrying: ${String(error)}`);
        if (keys === null) this.pendingAll = true;
        else for (const key of keys) this.pending.add(key);
        this.firstPendingAt = Math.min(this.firstPendingAt ?? changedAt, changedAt);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }
}
