import { Injectable } from '@nestjs/common';
import {
  type FlagChangedPayload,
  type FlagDefinition,
  type FlagEvaluation,
  ServerEvents,
  parseFlagContextKey,
} from '@cxgenie/contracts';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { EvaluationCache } from '../../../../core-modules/cache/evaluation-cache';
import { FlagEvaluator } from '../../../../core-modules/launchdarkly/flag-evaluator';
import { FlagChangeClock } from '../../flag-change.clock';

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
    private readonly realtime: RealtimeBroadcaster,
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
        this.push({
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

  /**
   * `flag.changed` to the dashboards and agent consoles of the context, on every gateway
   * instance. A member's own context goes to that member; a workspace's or a bot's to the whole
   * workspace.
   */
  private push(payload: FlagChangedPayload): void {
    const { workspaceId, userId } = payload.context;
    if (userId) this.realtime.toAgent(workspaceId, userId, ServerEvents.FlagChanged, payload);
    else this.realtime.toAgents(workspaceId, ServerEvents.FlagChanged, payload);
  }
}
