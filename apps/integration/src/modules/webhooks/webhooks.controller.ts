import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { rawWebhookRequest } from './raw-webhook-request';
import {
  ReceiveWebhook,
  type WebhookOutcome,
} from './usecases/receive-webhook/receive-webhook.usecase';

/**
 * `/webhooks/<platform>/<channelId>`: where every platform posts, and where Meta's subscription
 * handshake GETs. The body arrives as raw bytes (see integration.service.ts): signatures are
 * computed over exactly what the platform sent.
 */
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly receiveWebhook: ReceiveWebhook) {}

  @Get(':platform/:channelId')
  async handshake(
    @Param('platform') platform: string,
    @Param('channelId') channelId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.handle(platform, channelId, req, res);
  }

  @Post(':platform/:channelId')
  async deliver(
    @Param('platform') platform: string,
    @Param('channelId') channelId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.handle(platform, channelId, req, res);
  }

  private async handle(platform: string, channelId: string, req: Request, res: Response) {
    const request = rawWebhookRequest(req);
    const outcome = await this.receiveWebhook.execute({ platform, channelId, request });
    this.answer(res, outcome);
  }

  private answer(res: Response, outcome: WebhookOutcome): void {
    if (outcome.kind === 'handshake') {
      res.status(outcome.status).type('text/plain').send(outcome.body);
      return;
    }
    res.status(200).json(outcome.receipt);
  }
}
