import { Injectable } from '@nestjs/common';
import { type FlagDefinition, type FlagEvaluation, parseFlagContextKey } from '@cxgenie/contracts';
import { EvaluationCache } from '../../../../core-modules/cache/evaluation-cache';
import { FlagEvaluator } from '../../../../core-modules/launchdarkly/flag-evaluator';
import { FlagChangeClock } from '../../flag-change.clock';
import { FlagChangeEmitter } from '../../flag-change.emitter';

/**
 * After a change, every context evaluated recently is evaluated again, and its sockets are told
 * only where the value differs from what that context last got. Told values live in Redis, so
 * several flags service instances receiving the same change from LaunchDarkly push it once.
 */
@Injectable()
export class PushFlagChanges {
  constructor(
    private readonly cache: EvaluationCache,
    private readonly evaluator: FlagEvaluator,
    private readonly emitter: FlagChangeEmitter,
    private readonly clock: FlagChangeClock,
  ) {}

  async execute(flags: readonly FlagDefinition[], changedAt: number): Promise<number> {
    const contextKeys = await this.cache.watchedContexts(flags.map((f) => f.key));
    const contexts = contextKeys.flatMap((contextKey) => {
      const context = parseFlagContextKey(contextKey);
      return context ? [{ contextKey, context }] : [];
    });
    let pushed = 0;
    for (const flag of flags) {
      const evaluations: { contextKey: string; evaluation: FlagEvaluation }[] = [];
      for (const { contextKey, context } of contexts) {
        evaluations.push({ contextKey, evaluation: await this.evaluator.evaluate(flag, context) });
      }
      const news = await this.cache.tell(
        flag.key,
        evaluations.map(({ contextKey, evaluation }) => ({ contextKey, value: evaluation.value })),
      );
      evaluations.forEach(({ contextKey, evaluation }, i) => {
        if (!news[i]) return;
        const context = parseFlagContextKey(contextKey)!;
        this.emitter.changed({
          flagKey: flag.key,
          context: {
            workspaceId: context.workspaceId,
            userId: context.userId ?? null,
            botId: context.botId ?? null,
          },
          value: evaluation.value,
          variationIndex: evaluation.variationIndex,
          reason: evaluation.reason,
          changedAt: new Date(changedAt).toISOString(),
        });
        pushed += 1;
      });
    }
    this.clock.pushes += pushed;
    return pushed;
  }
}
