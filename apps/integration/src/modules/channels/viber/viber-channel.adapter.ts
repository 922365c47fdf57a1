import { Inject } from '@nestjs/common';
import { ViberAdapter } from '@cxgenie/channels';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { ChannelAdapterPlugin } from '../../../core-modules/channel-registry/channel-adapter.decorator';

/** The Viber adapter as the registry discovers it, talking to the configured REST API. */
@ChannelAdapterPlugin()
export class ViberChannelAdapter extends ViberAdapter {
  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    super({ apiRoot: config.channels.viberApiRoot });
  }
}
