import { Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { InternalRoute } from '@cxgenie/observability';
import {
  ConnectChannel,
  type ConnectChannelResult,
} from './usecases/connect-channel/connect-channel.usecase';

/**
 * Service-to-service (gateway-api → integration), like core-ai's routes: internal, refused without
 * the service token and kept off the public ingress.
 */
@InternalRoute()
@Controller('v1/channels')
export class ChannelConnectionsController {
  constructor(private readonly connectChannel: ConnectChannel) {}

  @Post(':channelId/connect')
  @HttpCode(200)
  connect(
    @Param('channelId', new ParseUUIDPipe()) channelId: string,
    @Req() req: Request,
  ): Promise<ConnectChannelResult> {
    return this.connectChannel.execute({
      channelId,
      requestOrigin: `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`,
    });
  }
}
