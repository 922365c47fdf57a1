import { Injectable } from '@nestjs/common';
import {
  type EvaluateAllFlagsResponse,
  FLAG_DEFINITIONS,
  type FlagContext,
} from '@cxgenie/contracts';
import { EvaluateFlag } from '../evaluate-flag/evaluate-flag.usecase';

/** Every declared flag for a context: what a dashboard loads before it listens for changes. */
@Injectable()
export class EvaluateAllFlags {
  constructor(private readonly evaluateFlag: EvaluateFlag) {}

  async execute(context: FlagContext): Promise<EvaluateAllFlagsResponse> {
    const evaluations = await Promise.all(
      FLAG_DEFINITIONS.map((flag) => this.evaluateFlag.evaluate(flag, context)),
    );
    return { flags: Object.fromEntries(evaluations.map((e) => [e.flagKey, e])) };
  }
}
