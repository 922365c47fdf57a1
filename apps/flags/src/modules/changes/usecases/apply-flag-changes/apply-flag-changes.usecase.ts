import { Injectable, Logger } from '@nestjs/common';
import { FLAG_DEFINITIONS, type FlagDefinition, flagDefinition } from '@cxgenie/contracts';
import { EvaluationCache } from '../../../../core-modules/cache/evaluation-cache';
import { FlagChangeClock } from '../../flag-change.clock';
import { PushFlagChanges } from '../push-flag-changes/push-flag-changes.usecase';

/**
 * What a flag change means for the platform, in this order: the Redis cache of the flags is
 * dropped (and their generation raised), every service is told on Redis pub/sub so each instance
 * drops its own copy, then the sockets of the contexts the change affects hear of it.
 */
@Injectable()
export class ApplyFlagChanges {
  private readonly logger = new Logger(ApplyFlagChanges.name);

  constructor(
    private readonly cache: EvaluationCache,
    private readonly push: PushFlagChanges,
    private readonly clock: FlagChangeClock,
  ) {}

  /**
   * `flagKeys` null: every flag (the SDK (re)loaded everything). Throws when Redis could not be
   * told, so the caller retries: a stale cache must not outlive a change.
   */
  async execute(flagKeys: readonly string[] | null, changedAt: number): Promise<void> {
    const keys = flagKeys ?? [
      ...new Set([
        ...FLAG_DEFINITIONS.map((flag) => flag.key),
        ...(await this.cache.cachedFlagKeys()),
      ]),
    ];
    await this.cache.invalidate(keys);
    await this.cache.publish({ flagKeys: flagKeys ? [...flagKeys] : null, changedAt });
    this.clock.record(changedAt);
    this.logger.log(`flags changed: ${flagKeys ? flagKeys.join(', ') : 'all'}`);
    const declared = keys
      .map((key) => flagDefinition(key))
      .filter((flag): flag is FlagDefinition => flag !== undefined);
    await this.push.execute(declared, changedAt).catch((error: unknown) => {
      this.logger.warn(
        `flags: change of ${keys.join(', ')} not pushed to sockets: ${String(error)}`,
      );
    });
  }
}
