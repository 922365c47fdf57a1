import { Module } from '@nestjs/common';
import { DeliveryNotices } from '@cxgenie/conversations';
import { ChannelCustomerRepository } from '@cxgenie/database';
import { MailCustomers } from './mail-customers';
import { AcceptCustomerMail } from './steps/accept-customer-mail.step';
import { MailAttachments } from './steps/mail-attachments.step';
import { ReceiveBounce } from './steps/receive-bounce.step';
import { RejectUnreadable } from './steps/reject-unreadable.step';
import { ThreadResolver } from './threading/thread-resolver';
import { ReceiveEmail } from './usecases/receive-email/receive-email.usecase';

/** The one path of every mail after it came in: parse, sort, thread, hand to the intake. */
@Module({
  providers: [
    ReceiveEmail,
    RejectUnreadable,
    ReceiveBounce,
    MailAttachments,
    AcceptCustomerMail,
    DeliveryNotices,
    ThreadResolver,
    MailCustomers,
    ChannelCustomerRepository,
  ],
  exports: [ReceiveEmail],
})
export class IntakeModule {}
