import { Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  ConnectChannel,
  type ConnectChannelResult,
} from './usecases/connect-channel/connect-channel.usecase';

/** Service-to-service (gateway-api → integration), like core-ai's routes: not public. */
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
