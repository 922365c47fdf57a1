import { Injectable } from '@nestjs/common';
import {
  type Bot,
  BotChannelRepository,
  ChannelCustomerRepository,
  type CustomerProfile,
  type TenantScope,
  TenantConnections,
  TenantRoutes,
  WorkspaceNotFoundError,
} from '@cxgenie/database';
import { SessionTokens } from '../../../../../core-modules/auth/session-tokens';
import { newOpaqueToken } from '../../../../../core-modules/crypto/opaque-token';
import { ChannelSecrets } from '../../../../channels/channel-secrets';
import type { WidgetSessionResponse } from '../../dto/widget-session.dto';
import { lifetimeSeconds } from '../../session-lifetime';
import { WEB_CHANNEL } from '../../../messages/widget-conversations';
import { WebChannelException } from '../../../web-channel.exception';
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
    private readonly routes: TenantRoutes,
    private readonly channels: BotChannelRepository,
    private readonly customers: ChannelCustomerRepository,
    private readonly secrets: ChannelSecrets,
    private readonly tokens: SessionTokens,
  ) {}

  async execute(command: StartWidgetSessionCommand): Promise<WidgetSessionResponse> {
    const bot = await this.findBot(command.botKey);
    const scope = await this.scopeOf(bot.workspaceId);
    const channel = await this.channels.findOrCreateForBot(scope, bot.id, WEB_CHANNEL, () => ({
      name: WEB_CHANNEL_NAME,
      webhookSecretEncrypted: this.secrets.newWebhookSecret().sealed,
    }));
    if (!channel.isActive) throw WebChannelException.botNotFound();

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
      channel.id,
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
   * The one lookup no principal scopes: the control plane's own bots (every shared workspace's),
   * then its index of dedicated workspaces' keys, and the bot read in that workspace's database.
   */
  private async findBot(publicKey: string): Promise<Bot> {
    const bot =
      (await this.tenants.control.Bot.findOne({ where: { publicKey, isActive: true } })) ??
      (await this.findDedicatedBot(publicKey));
    if (!bot) throw WebChannelException.botNotFound();
    return bot;
  }

  private async findDedicatedBot(publicKey: string): Promise<Bot | null> {
    const workspaceId = await this.routes.locate('bot_public_key', publicKey);
    if (!workspaceId) return null;
    const scope = await this.scopeOf(workspaceId);
    return scope.models.Bot.findOne({ where: { publicKey, workspaceId, isActive: true } });
  }

  private async scopeOf(workspaceId: string): Promise<TenantScope> {
    try {
      return await this.tenants.scope(workspaceId);
    } catch (error) {
      if (error instanceof WorkspaceNotFoundError) throw WebChannelException.botNotFound();
      throw error;
    }
  }
}
