import { Module } from '@nestjs/common';
import { FlagChangeClock } from './flag-change.clock';
import { FlagChangeRelay } from './flag-change.relay';
import { FlagsServiceMetrics } from './flags-service.metrics';
import { ApplyFlagChanges } from './usecases/apply-flag-changes/apply-flag-changes.usecase';
import { PushFlagChanges } from './usecases/push-flag-changes/push-flag-changes.usecase';

/** From the SDK's change events to every service's cache and every affected socket. */
@Module({
  providers: [
    FlagChangeClock,
    FlagChangeRelay,
    FlagsServiceMetrics,
    ApplyFlagChanges,
    PushFlagChanges,
  ],
  exports: [FlagChangeClock, FlagChangeRelay],
})
export class ChangesModule {}
