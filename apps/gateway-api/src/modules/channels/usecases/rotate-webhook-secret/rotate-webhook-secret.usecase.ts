import { Injectable } from '@nestjs/common';
import { ChannelRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { ChannelSecrets } from '../../channel-secrets';
import { webhookPathOf } from '../../channel.presenter';
import type { WebhookSecretResponse } from '../../dto/channel.dto';

/** The one response that carries a secret: the platform side needs it to verify our webhooks. */
@Injectable()
export class RotateWebhookSecret {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly secrets: ChannelSecrets,
  ) {}

  async execute(scope: TenantScope, id: string): Promise<WebhookSecretResponse> {
    const secret = this.secrets.newWebhookSecret();
    const channel = await this.channels.update(scope, id, {
      webhookSecretEncrypted: secret.sealed,
    });
    if (!channel) throw new ResourceNotFoundException('Channel');
    return { webhookSecret: secret.plaintext, webhookPath: webhookPathOf(channel) };
  }
}
