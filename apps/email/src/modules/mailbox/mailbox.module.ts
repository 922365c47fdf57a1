import { Module } from '@nestjs/common';
import { IntakeModule } from '../intake/intake.module';
import { MailboxPollers } from './mailbox-pollers';
import { MailboxStateRepository } from './mailbox-state.repository';

/** Mail read from businesses' own mailboxes over IMAP. */
@Module({
  imports: [IntakeModule],
  providers: [MailboxPollers, MailboxStateRepository],
  exports: [MailboxPollers],
})
export class MailboxModule {}
