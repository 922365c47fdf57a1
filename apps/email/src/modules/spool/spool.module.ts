import { Module } from '@nestjs/common';
import { IntakeModule } from '../intake/intake.module';
import { MailSpool } from './mail-spool';
import { ReceiveSpooledMail } from './usecases/receive-spooled-mail/receive-spooled-mail.usecase';

/** Accepted mail spooled (storage + `email.inbound`) and read later by a worker: ADR 0042. */
@Module({
  imports: [IntakeModule],
  providers: [MailSpool, ReceiveSpooledMail],
  exports: [MailSpool, ReceiveSpooledMail],
})
export class SpoolModule {}
