import { Module } from '@nestjs/common';
import { DeliveryStatusModule } from '../delivery-status/delivery-status.module';
import { InboundModule } from '../inbound/inbound.module';
import { ReceiveWebhook } from './usecases/receive-webhook/receive-webhook.usecase';
import { WebhooksController } from './webhooks.controller';

@Module({
  imports: [InboundModule, DeliveryStatusModule],
  controllers: [WebhooksController],
  providers: [ReceiveWebhook],
})
export class WebhooksModule {}
