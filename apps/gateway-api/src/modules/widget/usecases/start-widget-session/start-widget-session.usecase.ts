import { Injectable } from '@nestjs/common';
import {
  type Bot,
  BotChannelRepository,
  ChannelCustomerRepository,
  type CustomerProfile,
  type TenantScope,
  TenantConnections,
  WorkspaceNotFoundError,
} from '@cxgenie/database';
import { SessionTokens } from '../../../../core-modules/auth/session-tokens';
import { newOpaqueToken } from '../../../../core-modules/crypto/opaque-token';
import { ChannelSecrets } from '../../../channels/channel-secrets';
import type { WidgetSessionResponse } from '../../dto/widget-session.dto';
import { lifetimeSeconds } from '../../session-lifetime';
import { WidgetBotNotFoundException } from '../../widget.exception';
import type { StartWidgetSessionCommand } from './start-widget-session.command';

const WEB_CHANNEL_NAME = 'Web widget';

/**
 * Starts (or resumes) a visitor's session on a bot's website widget. The caller is anonymous:
 * the workspace comes from the bot the public key names, never from the request.
 */
@Injectable()
export class StartWidgetSession {
  constructor(
    private readonly tenants: TenantConnections,
    private readonly channels: BotChannelRepository,
    private readonly customers: ChannelCustomerRepository,
    private readonly secrets: ChannelSecrets,
    private readonly tokens: SessionTokens,
  ) {}

  async execute(command: StartWidgetSessionCommand): Promise<WidgetSessionResponse> {
    const bot = await this.findBot(command.botKey);
    const scope = await this.scopeOf(bot);
    const channel = await this.channels.findOrCreateForBot(scope, bot.id, 'web', () => ({
      name: WEB_CHANNEL_NAME,
      webhookSecretEncrypted: this.secrets.newWebhookSecret().sealed,
    }));
    if (!channel.isActive) throw new WidgetBotNotFoundException();

    const { externalId: givenId, ...profile } = command.customer ?? {};
    // Anonymous visitors get an unguessable id to persist: it is what resumes their session.
    const externalId = givenId ?? newOpaqueToken('anon_', 18);
    const { customer } = await this.customers.findOrCreate(
      scope,
      channel.id,
      externalId,
      profile satisfies CustomerProfile,
    );
    const sessionToken = await this.tokens.signWidgetSession(
      customer.id,
      scope.workspaceId,
      bot.id,
    );
    return {
      sessionToken,
      customerId: customer.id,
      externalId,
      botId: bot.id,
      channelId: channel.id,
      expiresIn: lifetimeSeconds(sessionToken),
    };
  }

  /**
   * The one lookup no principal scopes: it runs against the shared database only, so bots of
   * dedicated-mode workspaces are not found until the control plane indexes public keys.
   */
  private async findBot(publicKey: string): Promise<Bot> {
    const bot = await this.tenants.control.Bot.findOne({ where: { publicKey, isActive: true } });
    if (!bot) throw new WidgetBotNotFoundException();
    return bot;
  }

  private async scopeOf(bot: Bot): Promise<TenantScope> {
    try {
      return await this.tenants.scope(bot.workspaceId);
    } catch (error) {
      if (error instanceof WorkspaceNotFoundError) throw new WidgetBotNotFoundException();
      throw error;
    }
  }
}
