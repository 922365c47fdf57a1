import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module';
import { EvaluationController } from './evaluation.controller';
import { EvaluateAllFlags } from './usecases/evaluate-all-flags/evaluate-all-flags.usecase';
import { EvaluateFlag } from './usecases/evaluate-flag/evaluate-flag.usecase';

@Module({
  imports: [ChangesModule],
  controllers: [EvaluationController],
  providers: [EvaluateFlag, EvaluateAllFlags],
})
export class EvaluationModule {}
