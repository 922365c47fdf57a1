import { Injectable } from '@nestjs/common';
import { ChannelRepository, type TenantScope, TenantRoutes } from '@cxgenie/database';
import { ChannelConnector } from '../../channel-connector';
import { ChannelRules } from '../../channel-rules';
import { ChannelSecrets } from '../../channel-secrets';
import { ChannelViews } from '../../channel-views';
import { withExternalIdConflict } from '../../channel-writes';
import type { ChannelResponse } from '../../dto/channel.dto';
import type { CreateChannelCommand } from './create-channel.command';

/**
 * A webhook secret is generated but not returned: responses never carry secrets, and the admin
 * obtains one through rotate-webhook-secret when configuring the platform.
 */
@Injectable()
export class CreateChannel {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly rules: ChannelRules,
    private readonly secrets: ChannelSecrets,
    private readonly views: ChannelViews,
    private readonly connector: ChannelConnector,
    private readonly routes: TenantRoutes,
  ) {}

  async execute(scope: TenantScope, command: CreateChannelCommand): Promise<ChannelResponse> {
    const settings = command.settings ?? {};
    const credentials = this.rules.assertConfiguration(
      command.type,
      command.credentials ?? {},
      settings,
    );
    await this.rules.assertBotInWorkspace(scope, command.botId);
    await this.rules.assertAddressesFree(command.type, settings, null);
    const values = {
      type: command.type,
      name: command.name.trim(),
      botId: command.botId ?? null,
      externalId: command.externalId ?? null,
      settings,
      isActive: command.isActive ?? true,
      credentialsEncrypted: this.secrets.sealCredentials(credentials),
      webhookSecretEncrypted: this.secrets.newWebhookSecret().sealed,
    };
    const channel = await withExternalIdConflict(() => this.channels.create(scope, values));
    // Before connecting: the platform may call the webhook as soon as it is registered.
    await this.routes.record(scope, 'channel', channel.id);
    await this.connector.connect(channel);
    return this.views.render(channel);
  }
}
