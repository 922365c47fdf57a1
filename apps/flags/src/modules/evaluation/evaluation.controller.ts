import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { InternalRoute } from '@cxgenie/observability';
import {
  type EvaluateAllFlagsResponse,
  FLAGS_EVALUATE_ALL_PATH,
  FLAGS_EVALUATE_PATH,
  FLAGS_STATUS_PATH,
  type FlagEvaluation,
  type FlagsStatusResponse,
} from '@cxgenie/contracts';
import { FlagEvaluator } from '../../core-modules/launchdarkly/flag-evaluator';
import { FlagChangeClock } from '../changes/flag-change.clock';
import { EvaluateAllFlagsDto, EvaluateFlagDto } from './dto/evaluate.dto';
import { EvaluateAllFlags } from './usecases/evaluate-all-flags/evaluate-all-flags.usecase';
import { EvaluateFlag } from './usecases/evaluate-flag/evaluate-flag.usecase';

/** The evaluation API of the other services (through FlagsHttpClient) and the dashboard. */
@InternalRoute()
@Controller()
export class EvaluationController {
  constructor(
    private readonly evaluateFlag: EvaluateFlag,
    private readonly evaluateAllFlags: EvaluateAllFlags,
    private readonly evaluator: FlagEvaluator,
    private readonly clock: FlagChangeClock,
  ) {}

  @Post(FLAGS_EVALUATE_PATH)
  @HttpCode(200)
  evaluate(@Body() body: EvaluateFlagDto): Promise<FlagEvaluation> {
    return this.evaluateFlag.execute(body);
  }

  @Post(FLAGS_EVALUATE_ALL_PATH)
  @HttpCode(200)
  evaluateAll(@Body() body: EvaluateAllFlagsDto): Promise<EvaluateAllFlagsResponse> {
    return this.evaluateAllFlags.execute(body.context);
  }

  @Get(FLAGS_STATUS_PATH)
  status(): FlagsStatusResponse {
    const last = this.clock.lastChangeAt;
    return {
      source: this.evaluator.sourceKind,
      initialized: this.evaluator.initialized(),
      lastChangeAt: last === null ? null : new Date(last).toISOString(),
    };
  }
}
