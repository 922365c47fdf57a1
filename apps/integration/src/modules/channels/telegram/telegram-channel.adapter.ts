import { Inject } from '@nestjs/common';
import { TelegramAdapter } from '@cxgenie/channels';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { ChannelAdapterPlugin } from '../../../core-modules/channel-registry/channel-adapter.decorator';

/** The Telegram adapter as the registry discovers it, talking to the configured Bot API. */
@ChannelAdapterPlugin()
export class TelegramChannelAdapter extends TelegramAdapter {
  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    super({ apiRoot: config.channels.telegramApiRoot });
  }
}
