import { Module } from '@nestjs/common';
import { IntakeModule } from '../intake/intake.module';
import { SpoolModule } from '../spool/spool.module';
import { SmtpReceiver } from './smtp-receiver';

/** Mail delivered to us over SMTP. */
@Module({
  imports: [IntakeModule, SpoolModule],
  providers: [SmtpReceiver],
  exports: [SmtpReceiver],
})
export class SmtpModule {}
