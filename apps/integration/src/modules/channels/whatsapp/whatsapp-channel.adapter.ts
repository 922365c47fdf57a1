import { Inject } from '@nestjs/common';
import { WhatsAppAdapter } from '@cxgenie/channels';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { ChannelAdapterPlugin } from '../../../core-modules/channel-registry/channel-adapter.decorator';

/** The WhatsApp adapter as the registry discovers it, talking to the configured Graph API. */
@ChannelAdapterPlugin()
export class WhatsAppChannelAdapter extends WhatsAppAdapter {
  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    super({ graphApiRoot: config.channels.metaGraphApiRoot });
  }
}
