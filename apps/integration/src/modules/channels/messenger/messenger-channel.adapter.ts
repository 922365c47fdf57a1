import { Inject } from '@nestjs/common';
import { MessengerAdapter } from '@cxgenie/channels';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { ChannelAdapterPlugin } from '../../../core-modules/channel-registry/channel-adapter.decorator';

/** The Messenger adapter as the registry discovers it, talking to the configured Graph API. */
@ChannelAdapterPlugin()
export class MessengerChannelAdapter extends MessengerAdapter {
  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    super({ graphApiRoot: config.channels.metaGraphApiRoot });
  }
}
