import { Injectable, Logger } from '@nestjs/common';
import {
  type FlagDefinition,
  type FlagEvaluation,
  flagContextKey,
  flagDefinition,
} from '@cxgenie/contracts';
import { EvaluationCache } from '../../../../core-modules/cache/evaluation-cache';
import { FlagEvaluator } from '../../../../core-modules/launchdarkly/flag-evaluator';
import type { EvaluateFlagCommand } from './evaluate-flag.command';

const undeclaredFlag = (key: string): FlagDefinition => ({
  key,
  description: '',
  defaultValue: null,
  accepts: (_value: unknown): _value is null => true,
});

/**
 * One flag for one context, by the SDK, cached in Redis for every service and instance, and the
 * context remembered so its sockets hear about the flag's changes. Redis trouble costs the cache,
 * never the answer.
 */
@Injectable()
export class EvaluateFlag {
  private readonly logger = new Logger(EvaluateFlag.name);

  constructor(
    private readonly evaluator: FlagEvaluator,
    private readonly cache: EvaluationCache,
  ) {}

  /**
   * A flag the code does not declare (one only the dashboard reads, or not yet released) is
   * still LaunchDarkly's to serve, with null as its default.
   */
  async execute({ flagKey, context }: EvaluateFlagCommand): Promise<FlagEvaluation> {
    return this.evaluate(flagDefinition(flagKey) ?? undeclaredFlag(flagKey), context);
  }

  async evaluate(
    flag: FlagDefinition,
    context: EvaluateFlagCommand['context'],
  ): Promise<FlagEvaluation> {
    const contextKey = flagContextKey(context);
    // Read before evaluating: if the flag changes meanwhile, the write below is refused.
    const generation = await this.cache.generation(flag.key).catch(() => null);
    const evaluation = await this.evaluator.evaluate(flag, context);
    // Also an error (a flag LaunchDarkly does not have, the SDK not ready yet): it lasts until a
    // change, and the SDK becoming ready counts as a change of every flag.
    if (generation !== null) {
      await Promise.all([
        this.cache.store(flag.key, contextKey, evaluation, generation),
        this.cache.watch(contextKey),
      ]).catch((error: unknown) =>
        this.logger.warn(`flags: evaluation of ${flag.key} not cached: ${String(error)}`),
      );
    }
    return evaluation;
  }
}
