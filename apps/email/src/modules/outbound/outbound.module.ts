import { Module } from '@nestjs/common';
import { EmailOutboundWorker } from './jobs/email-outbound.worker';
import { SmtpTransports } from './transport/smtp-transports';
import { DeliverEmails } from './usecases/deliver-emails/deliver-emails.usecase';

/** Replies by mail: the bot's, agents' and the system's messages, sent with nodemailer. */
@Module({ providers: [SmtpTransports, DeliverEmails, EmailOutboundWorker] })
export class OutboundModule {}
