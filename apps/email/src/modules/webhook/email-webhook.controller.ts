import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { WebhookMailReceipt } from './usecases/receive-webhook-mail/receive-webhook-mail.command';
import { ReceiveWebhookMail } from './usecases/receive-webhook-mail/receive-webhook-mail.usecase';

/**
 * Inbound mail from an inbound-parse service. The body reaches the route as raw bytes whatever
 * its content type (see email.service.ts).
 */
@Controller('webhooks/email')
export class EmailWebhookController {
  constructor(private readonly receive: ReceiveWebhookMail) {}

  @Post(':channelId')
  @HttpCode(200)
  deliver(@Param('channelId') channelId: string, @Req() req: Request): Promise<WebhookMailReceipt> {
    return this.receive.execute({
      channelId,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    });
  }
}
