import { Injectable } from '@nestjs/common';
import type { Channel } from '@cxgenie/database';
import { ChannelSecrets } from './channel-secrets';
import type { ChannelResponse } from './dto/channel.dto';
import { presentChannel } from './channel.presenter';

@Injectable()
export class ChannelViews {
  constructor(private readonly secrets: ChannelSecrets) {}

  render(channel: Channel): ChannelResponse {
    return presentChannel(channel, this.secrets.credentialNames(channel));
  }
}
