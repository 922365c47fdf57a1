import { Inject, Injectable } from '@nestjs/common';
import type { LDClient } from '@launchdarkly/node-server-sdk';
import type { FlagContext, FlagDefinition, FlagEvaluation } from '@cxgenie/contracts';
import type { FlagDataSource, FlagSourceKind } from './flag-data-source';
import { toFlagReason, toLaunchDarklyContext } from './launchdarkly-context';
import { FLAG_DATA_SOURCE, LAUNCHDARKLY_CLIENT } from './launchdarkly.tokens';

/**
 * Evaluations by the SDK, from its in-memory copy of the flags: no network call per evaluation.
 * The coded default is what the SDK serves for a flag it does not have, or before it is ready.
 */
@Injectable()
export class FlagEvaluator {
  /** SDK evaluations by flag, for the service's metrics. */
  readonly counts = new Map<string, number>();

  constructor(
    @Inject(LAUNCHDARKLY_CLIENT) private readonly client: LDClient,
    @Inject(FLAG_DATA_SOURCE) private readonly source: FlagDataSource,
  ) {}

  get sourceKind(): FlagSourceKind {
    return this.source.kind;
  }

  initialized(): boolean {
    return this.client.initialized();
  }

  async evaluate(flag: FlagDefinition, context: FlagContext): Promise<FlagEvaluation> {
    this.counts.set(flag.key, (this.counts.get(flag.key) ?? 0) + 1);
    const detail = await this.client.variationDetail(
      flag.key,
      toLaunchDarklyContext(context),
      flag.defaultValue,
    );
    return {
      flagKey: flag.key,
      value: detail.value as FlagEvaluation['value'],
      variationIndex: detail.variationIndex ?? null,
      reason: toFlagReason(detail.reason),
    };
  }

  /** Every flag the SDK knows (changes name flags, which may include ones the code never reads). */
  async knownFlagKeys(context: FlagContext): Promise<string[]> {
    const state = await this.client.allFlagsState(toLaunchDarklyContext(context));
    return Object.keys(state.allValues());
  }
}
