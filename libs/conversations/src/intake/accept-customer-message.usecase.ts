import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { AnalyticsPublisher } from '@cxgenie/analytics';
import {
  type Attachment,
  type ConversationStatus,
  type InboundMessageJobData,
  type MessagePayload,
  QueueNames,
  ServerEvents,
} from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { currentTraceId, withTraceId } from '@cxgenie/observability';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import {
  type AcceptedCustomerMessage,
  type ConversationParty,
  ConversationIntakeStore,
  type CustomerMessageToAccept,
  type OpenedConversation,
} from './conversation-intake.store';
import { InboundFairness } from './inbound-fairness';

/** A customer message as any channel normalised it: who, where, what. */
export interface InboundCustomerMessage {
  party: ConversationParty;
  text: string;
  attachments?: Attachment[];
  /** The platform's (or the widget's client) id for the message: the dedupe key on the channel. */
  platformMessageId?: string | null;
  /** What the channel knows beyond the text (platform, kind, the platform's timestamp…). */
  metadata?: Record<string, unknown>;
  /**
   * For a channel that threads its messages itself (email): the conversation of the message's
   * thread (null: the thread is new). The message joins it while it is the party's and not closed,
   * else a new conversation is opened. Without it: the party's open conversation, or a new one.
   */
  thread?: { conversationId: string | null };
  /** The subject of a conversation opened for this message (an email's Subject). */
  subject?: string | null;
  /** Sent by a machine (an auto-reply): stored and announced, never answered by the bot. */
  automated?: boolean;
}

export interface IntakeHooks {
  /**
   * Called with the conversation before the message is announced or queued: a live channel joins
   * its sockets to the conversation's room here, so not even the first streamed chunk is missed
   * (`created`: the conversation was opened for this message, so no socket is in its room yet).
   */
  beforeAnnounce?(conversationId: string, created: boolean): Promise<void>;
}

export interface AcceptedInbound {
  message: MessagePayload;
  conversationCreated: boolean;
  /** The conversation's status as the message was accepted (`bot`: the bot will answer it). */
  conversationStatus: ConversationStatus;
}

/**
 * The intake every channel shares (widget, REST, platform webhooks, email): the customer's open
 * conversation on the channel, or a new one with the channel's bot; the message with the
 * conversation's next sequence number, persisted before anything else; then announced to both
 * sides of the conversation, queued on `conversation.inbound` for the bot under the caller's
 * trace id, and recorded for analytics (`message.received`, with the text for its sentiment). Null when the channel does not take messages (inactive or deleted); a message whose
 * platform id was accepted before throws `DuplicatePlatformMessageError`.
 */
@Injectable()
export class AcceptCustomerMessage {
  constructor(
    private readonly intake: ConversationIntakeStore,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly fairness: InboundFairness,
    @InjectQueue(QueueNames.ConversationInbound)
    private readonly inbound: Queue<InboundMessageJobData>,
    private readonly analytics: AnalyticsPublisher,
  ) {}

  async execute(
    scope: TenantScope,
    inbound: InboundCustomerMessage,
    hooks: IntakeHooks = {},
  ): Promise<AcceptedInbound | null> {
    const appended = await this.appendToOpen(scope, inbound, hooks);
    if (appended) return this.announce(scope, inbound, appended, false);
    let opened = await this.conversationFor(scope, inbound);
    if (!opened) return null;
    await hooks.beforeAnnounce?.(opened.conversationId, opened.created);
    let accepted = await this.accept(scope, opened.conversationId, inbound);
    if (!accepted) {
      // Only if the conversation vanished in between (deleted with its customer): open anew.
      opened = await this.conversationFor(scope, {
        ...inbound,
        thread: inbound.thread && { conversationId: null },
      });
      if (!opened) return null;
      await hooks.beforeAnnounce?.(opened.conversationId, opened.created);
      accepted = await this.accept(scope, opened.conversationId, inbound);
      if (!accepted) return null;
    }
    return this.announce(scope, inbound, accepted, opened.created);
  }

  /**
   * Most messages continue an open conversation: then the lookup and the append are one statement.
   * Not for a threaded channel (the thread names its conversation).
   */
  private async appendToOpen(
    scope: TenantScope,
    inbound: InboundCustomerMessage,
    hooks: IntakeHooks,
  ): Promise<AcceptedCustomerMessage | null> {
    if (inbound.thread) return null;
    const accepted = await this.intake.acceptInOpenConversation(
      scope,
      inbound.party,
      messageToAccept(inbound),
    );
    if (accepted) await hooks.beforeAnnounce?.(accepted.conversationId, false);
    return accepted;
  }

  /** Persisted: shown to both sides, queued for the bot, recorded for analytics. */
  private async announce(
    scope: TenantScope,
    inbound: InboundCustomerMessage,
    accepted: AcceptedCustomerMessage,
    created: boolean,
  ): Promise<AcceptedInbound> {
    const message = customerMessagePayload(accepted);
    this.broadcaster.toConversation(
      scope.workspaceId,
      message.conversationId,
      ServerEvents.MessageCreated,
      message,
    );
    await this.inbound.add(
      withTraceId({
        workspaceId: scope.workspaceId,
        conversationId: message.conversationId,
        messageId: message.id,
        seq: message.seq,
      }),
      { priority: await this.fairness.priority(scope.workspaceId) },
    );
    this.analytics.record({
      type: 'message.received',
      id: message.id,
      workspaceId: scope.workspaceId,
      occurredAt: message.createdAt,
      conversationId: message.conversationId,
      messageId: message.id,
      botId: inbound.party.botId,
      customerId: inbound.party.customerId,
      text: message.text,
    });
    return {
      message,
      conversationCreated: created,
      conversationStatus: accepted.conversationStatus,
    };
  }

  private conversationFor(
    scope: TenantScope,
    inbound: InboundCustomerMessage,
  ): Promise<OpenedConversation | null> {
    const subject = inbound.subject ?? null;
    return inbound.thread
      ? this.intake.continueOrOpenThread(
          scope,
          inbound.party,
          inbound.thread.conversationId,
          subject,
        )
      : this.intake.findOrOpenConversation(scope, inbound.party, subject);
  }

  private accept(
    scope: TenantScope,
    conversationId: string,
    inbound: InboundCustomerMessage,
  ): Promise<AcceptedCustomerMessage | null> {
    return this.intake.acceptCustomerMessage(scope, {
      conversationId,
      ...messageToAccept(inbound),
    });
  }
}

/** The message as the store persists it, under the caller's trace id. */
const messageToAccept = (
  inbound: InboundCustomerMessage,
): Omit<CustomerMessageToAccept, 'conversationId'> => ({
  text: inbound.text,
  attachments: inbound.attachments,
  platformMessageId: inbound.platformMessageId,
  metadata: inbound.metadata,
  automated: inbound.automated,
  traceId: currentTraceId() ?? null,
});

/** A customer message as both sides of the conversation are shown it. */
export const customerMessagePayload = (accepted: AcceptedCustomerMessage): MessagePayload => ({
  id: accepted.id,
  conversationId: accepted.conversationId,
  seq: accepted.seq,
  direction: 'inbound',
  senderType: 'customer',
  text: accepted.text,
  attachments: accepted.attachments,
  status: accepted.status,
  replyToMessageId: null,
  createdAt: accepted.createdAt.toISOString(),
});
