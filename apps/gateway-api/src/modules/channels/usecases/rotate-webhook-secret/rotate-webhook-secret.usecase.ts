import { Injectable } from '@nestjs/common';
import { ChannelRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { ChannelConnector } from '../../channel-connector';
import { ChannelSecrets } from '../../channel-secrets';
import { webhookPathOf } from '../../channel.presenter';
import type { WebhookSecretResponse } from '../../dto/channel.dto';

/** The one response that carries a secret: the platform side needs it to verify our webhooks. */
@Injectable()
export class RotateWebhookSecret {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly secrets: ChannelSecrets,
    private readonly connector: ChannelConnector,
  ) {}

  async execute(scope: TenantScope, id: string): Promise<WebhookSecretResponse> {
    const secret = this.secrets.newWebhookSecret();
    const channel = await this.channels.update(scope, id, {
      webhookSecretEncrypted: secret.sealed,
    });
    if (!channel) throw new ResourceNotFoundException('Channel');
    // Telegram must learn the new secret token, or it keeps signing with the old one.
    await this.connector.connect(channel);
    return { webhookSecret: secret.plaintext, webhookPath: webhookPathOf(channel) };
  }
}
