import { Injectable } from '@nestjs/common';
import { type MessagePayload, ServerEvents } from '@cxgenie/contracts';
import {
  AcceptCustomerMessage,
  type ConversationParty,
  ConversationIntakeStore,
  DuplicatePlatformMessageError,
  type IntakeHooks,
  customerMessagePayload,
} from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import type { Principal } from '../../../core-modules/auth/principal';
import { AbuseLimits } from '../../../core-modules/limits/abuse-limits';
import { WebChannelException, WebChannelExceptionCode } from '../web-channel.exception';

export type WidgetPrincipal = Extract<Principal, { kind: 'widget' }>;

/** The channel type this module is: the only place that names it. */
export const WEB_CHANNEL = 'web' as const;

/** What a widget sends: the text, and the id its client gave the message (kept across retries). */
export interface WidgetMessage {
  text: string;
  clientIp: string;
  clientMessageId?: string;
}

/**
 * The dedupe key of a widget message: the client's id, in the visitor's own namespace, so one
 * visitor can never collide with (or learn about) another's message.
 */
const platformMessageId = (principal: WidgetPrincipal, clientMessageId?: string) =>
  clientMessageId ? `widget:${principal.customerId}:${clientMessageId}` : null;

/**
 * The web channel's side of the shared intake. A widget visitor is a customer of the bot's web
 * channel like a Telegram user is of a Telegram channel: their messages go through the same
 * `AcceptCustomerMessage` (one sequence, one dedupe path, one queue), and their conversation is
 * the one the intake keeps per (channel, customer).
 */
@Injectable()
export class WidgetConversations {
  constructor(
    private readonly intake: ConversationIntakeStore,
    private readonly accept: AcceptCustomerMessage,
    private readonly limits: AbuseLimits,
    private readonly broadcaster: RealtimeBroadcaster,
  ) {}

  /** The visitor's open conversation, if any (the socket joins its room). */
  async current(scope: TenantScope, principal: WidgetPrincipal): Promise<string | null> {
    const party = await this.party(scope, principal);
    return party ? this.openConversation(scope, party) : null;
  }

  /** The party's open conversation, if any. */
  openConversation(scope: TenantScope, party: ConversationParty): Promise<string | null> {
    return this.intake.findOpenConversation(scope, party);
  }

  /**
   * Held to the abuse limits first: per visitor, per address, per bot, and the daily budget. A
   * message whose `clientMessageId` was accepted before (a retry after a lost ack) is answered
   * with the stored message, and nothing else happens: one message, one answer.
   */
  async receive(
    scope: TenantScope,
    principal: WidgetPrincipal,
    message: WidgetMessage,
    hooks: IntakeHooks = {},
  ): Promise<MessagePayload> {
    await this.limits.widgetMessage({
      ip: message.clientIp,
      botId: principal.botId,
      workspaceId: scope.workspaceId,
      customerId: principal.customerId,
    });
    const party = await this.party(scope, principal);
    if (!party) throw WebChannelException.of(WebChannelExceptionCode.WIDGET_INACTIVE);
    const dedupeKey = platformMessageId(principal, message.clientMessageId);
    try {
      const accepted = await this.accept.execute(
        scope,
        { party, text: message.text, platformMessageId: dedupeKey },
        {
          beforeAnnounce: async (conversationId, created) => {
            await hooks.beforeAnnounce?.(conversationId, created);
            // The visitor's other tabs, connected before this conversation existed, join it too.
            if (created) this.broadcaster.joinVisitorToConversation(party, conversationId);
          },
        },
      );
      if (!accepted) throw WebChannelException.of(WebChannelExceptionCode.WIDGET_INACTIVE);
      // The bot is on it: the visitor sees it typing at once, however long the queue.
      if (accepted.conversationStatus === 'bot') this.botTyping(accepted.message.conversationId);
      return accepted.message;
    } catch (error) {
      if (!(error instanceof DuplicatePlatformMessageError) || !dedupeKey) throw error;
      const original = await this.intake.findByPlatformMessageId(scope, party.channelId, dedupeKey);
      if (!original) throw error;
      return customerMessagePayload(original);
    }
  }

  /**
   * Ended by the worker that handles the message (after its batch), whether the bot answers, an
   * agent has the conversation by then, or the bot is off.
   */
  private botTyping(conversationId: string): void {
    this.broadcaster.toCustomers(conversationId, ServerEvents.Typing, {
      conversationId,
      senderType: 'bot',
      typing: true,
    });
  }

  /** The visitor as a party of the channel's intake (null when the bot has no web channel). */
  async party(scope: TenantScope, principal: WidgetPrincipal): Promise<ConversationParty | null> {
    const channelId = principal.channelId ?? (await this.webChannelOf(scope, principal.botId));
    return channelId
      ? { channelId, botId: principal.botId, customerId: principal.customerId }
      : null;
  }

  /** For sessions signed before they carried their channel: the bot's (first) web channel. */
  private async webChannelOf(scope: TenantScope, botId: string): Promise<string | null> {
    const channel = await scope.models.Channel.findOne({
      where: { workspaceId: scope.workspaceId, botId, type: WEB_CHANNEL, isActive: true },
      attributes: ['id'],
      order: [['createdAt', 'ASC']],
    });
    return channel?.id ?? null;
  }
}
