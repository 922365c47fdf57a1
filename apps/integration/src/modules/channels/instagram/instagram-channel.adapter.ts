import { Inject } from '@nestjs/common';
import { InstagramAdapter } from '@cxgenie/channels';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { ChannelAdapterPlugin } from '../../../core-modules/channel-registry/channel-adapter.decorator';

/** The Instagram adapter as the registry discovers it, talking to the configured Graph API. */
@ChannelAdapterPlugin()
export class InstagramChannelAdapter extends InstagramAdapter {
  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    super({ graphApiRoot: config.channels.metaGraphApiRoot });
  }
}
