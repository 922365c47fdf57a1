import { Module } from '@nestjs/common';
import { IntakeModule } from '../intake/intake.module';
import { EmailWebhookController } from './email-webhook.controller';
import { ReceiveWebhookMail } from './usecases/receive-webhook-mail/receive-webhook-mail.usecase';

/** Mail from inbound-parse services, by webhook. */
@Module({
  imports: [IntakeModule],
  controllers: [EmailWebhookController],
  providers: [ReceiveWebhookMail],
})
export class WebhookModule {}
