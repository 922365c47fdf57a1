import { Module } from '@nestjs/common';
import { SlaPolicies } from './sla-policies';
import { CheckSlaBreaches } from './usecases/check-sla-breaches/check-sla-breaches.usecase';

/** First-response and resolution targets, and the scheduled breach check. */
@Module({
  providers: [SlaPolicies, CheckSlaBreaches],
  exports: [SlaPolicies, CheckSlaBreaches],
})
export class SlaModule {}
