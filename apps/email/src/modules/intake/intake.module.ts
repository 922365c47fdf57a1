import { Module } from '@nestjs/common';
import { ChannelCustomerRepository } from '@cxgenie/database';
import { MailCustomers } from './mail-customers';
import { ThreadResolver } from './threading/thread-resolver';
import { ReceiveEmail } from './usecases/receive-email/receive-email.usecase';

/** The one path of every mail after it came in: parse, sort, thread, hand to the intake. */
@Module({
  providers: [ReceiveEmail, ThreadResolver, MailCustomers, ChannelCustomerRepository],
  exports: [ReceiveEmail],
})
export class IntakeModule {}
