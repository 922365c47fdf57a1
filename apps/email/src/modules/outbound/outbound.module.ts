import { Module } from '@nestjs/common';
import { DeliveryNotices, OrderedDelivery } from '@cxgenie/conversations';
import { EmailOutboundWorker } from './jobs/email-outbound.worker';
import { EmailDeliveryOutcomes } from './steps/email-delivery-outcomes.step';
import { EmailResumes } from './steps/email-resumes.step';
import { SendPendingEmail } from './steps/send-pending-email.step';
import { SmtpTransports } from './transport/smtp-transports';
import { DeliverEmails } from './usecases/deliver-emails/deliver-emails.usecase';

/** Replies by mail: the bot's, agents' and the system's messages, sent with nodemailer. */
@Module({
  providers: [
    SmtpTransports,
    OrderedDelivery,
    DeliveryNotices,
    EmailResumes,
    EmailDeliveryOutcomes,
    SendPendingEmail,
    DeliverEmails,
    EmailOutboundWorker,
  ],
})
export class OutboundModule {}
