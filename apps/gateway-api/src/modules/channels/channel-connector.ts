import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type ChannelType, SERVICE_TOKEN_HEADER } from '@cxgenie/contracts';
import { tracedFetch } from '@cxgenie/observability';

/** Platforms whose webhook we register ourselves (Meta's is configured in the app dashboard). */
const SELF_REGISTERING: ReadonlySet<ChannelType> = new Set(['telegram', 'viber']);

/**
 * Asks the integration service to register the channel's webhook with its platform (Telegram's
 * setWebhook with the channel's secret token, Viber's set_webhook), after a channel is created or
 * its secret rotated. Best effort: the channel is saved either way, and the call can be repeated.
 */
@Injectable()
export class ChannelConnector {
  private readonly logger = new Logger(ChannelConnector.name);

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  async connect(channel: { id: string; type: ChannelType; isActive: boolean }): Promise<void> {
    if (!SELF_REGISTERING.has(channel.type) || !channel.isActive) return;
    const url = `${this.config.serviceUrls.integration}/v1/channels/${channel.id}/connect`;
    try {
      const res = await tracedFetch(url, {
        method: 'POST',
        headers: { [SERVICE_TOKEN_HEADER]: this.config.serviceToken },
        timeoutMs: 15_000,
      });
      if (!res.ok) throw new Error(`integration answered ${res.status}: ${await res.text()}`);
    } catch (error) {
      this.logger.warn(
        `webhook of ${channel.type} channel ${channel.id} not registered: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
}
