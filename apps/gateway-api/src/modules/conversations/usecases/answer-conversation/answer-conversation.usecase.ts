import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Transaction, UniqueConstraintError } from 'sequelize';
import {
  type AnalyticsEventJobData,
  type AnswerRequest,
  type AnswerStreamEvent,
  type BotNotEnoughDataEvent,
  type ChannelOutboundJobData,
  type MessagePayload,
  QueueNames,
} from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { TenantConnections } from '@cxgenie/database';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { withTraceId } from '@cxgenie/observability';
import {
  type BotConfig,
  BotConfigCache,
} from '../../../../core-modules/bot-config/bot-config.cache';
import { CoreAiClient } from '../../../../core-modules/core-ai/core-ai.client';
import { CustomerHandoff } from '../../../tickets/handoff/customer-handoff';
import { matchesHandoffPhrase } from '../../../tickets/handoff/handoff-phrase';
import { ConversationLock } from '../../ordering/conversation-lock';
import { CaptureCsatReply } from '../capture-csat-reply/capture-csat-reply.usecase';
import { LockKeeper } from '../../ordering/lock-keeper';
import { ConversationEvents } from '../../realtime/conversation-events';
import { ParagraphBuffer, type StreamChunk } from '../../streaming/paragraph-buffer';

const HISTORY_MESSAGES = 10;

interface PendingMessage {
  id: string;
  seq: number;
  text: string;
  /** From the later of its arrival and its predecessor's completion, to now (one clock: the database's). */
  waited_ms: number;
  /** The conversation as it is now (not when the job was queued): an agent may have taken over. */
  state: ConversationState;
}

type AnswerDone = Extract<AnswerStreamEvent, { type: 'done' }>;

interface StreamedAnswer {
  text: string;
  done: AnswerDone;
}

interface ConversationState {
  status: string;
  bot_id: string;
  customer_id: string;
  channel_id: string;
  channel_type: ChannelOutboundJobData['channelType'];
}

/**
 * Answers a conversation's waiting customer messages strictly in sequence order. Whoever holds the
 * conversation's lock drains every pending message, so a message waiting behind another starts
 * the moment its predecessor is done, with no retry backoff in between. After releasing, the
 * holder looks again: a message persisted while it was finishing is never stranded.
 *
 * Exactly one reply per message: the reply is committed together with a conditional advance of
 * `processed_inbound_seq`, and `reply_to_message_id` is unique, so a worker that lost its lock, or
 * a retry after a crash, cannot answer a message twice.
 */
@Injectable()
export class AnswerConversation {
  private readonly logger = new Logger(AnswerConversation.name);

  constructor(
    private readonly tenants: TenantConnections,
    private readonly locks: ConversationLock,
    private readonly botConfigs: BotConfigCache,
    private readonly coreAi: CoreAiClient,
    private readonly events: ConversationEvents,
    @InjectQueue(QueueNames.ChannelOutbound)
    private readonly outbound: Queue<ChannelOutboundJobData>,
    @InjectQueue(QueueNames.AnalyticsEvents)
    private readonly analytics: Queue<AnalyticsEventJobData>,
    @InjectQueue(QueueNames.BotNotEnoughData)
    private readonly notEnoughData: Queue<BotNotEnoughDataEvent>,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly customerHandoff: CustomerHandoff,
    private readonly csatReplies: CaptureCsatReply,
  ) {}

  /** Returns how many messages this call handled (0 when another worker holds the conversation). */
  async drain(workspaceId: string, conversationId: string): Promise<number> {
    const ttlMs = this.config.conversationLockTtlMs;
    const scope = await this.tenants.scope(workspaceId);
    let handled = 0;
    for (;;) {
      const lock = await this.locks.acquire(conversationId, ttlMs);
      if (!lock) return handled;
      const keeper = new LockKeeper(this.locks, lock, ttlMs).start();
      try {
        for (
          let next = await this.nextPending(scope, conversationId);
          next && !keeper.lost;
          next = await this.nextPending(scope, conversationId)
        ) {
          if (await this.handle(scope, conversationId, next, keeper)) handled += 1;
        }
      } finally {
        keeper.stop();
        await this.locks.release(lock).catch(() => false);
      }
      // Also after losing the lock: if nobody took it over, this worker must pick the work up again
      // (acquire fails, and we leave, when somebody did).
      if (!(await this.nextPending(scope, conversationId))) return handled;
    }
  }

  private async nextPending(
    scope: TenantScope,
    conversationId: string,
  ): Promise<PendingMessage | null> {
    const [row] = await scope.sequelize.query<Omit<PendingMessage, 'state'> & ConversationState>(
      `SELECT m.id, m.seq, m.text,
              (EXTRACT(EPOCH FROM clock_timestamp() - GREATEST(m.created_at, c.processed_at)) * 1000)::float8 AS waited_ms,
              c.status, c.bot_id, c.customer_id, c.channel_id, ch.type AS channel_type
         FROM messages m
         JOIN conversations c ON c.id = m.conversation_id
         JOIN channels ch ON ch.id = c.channel_id
        WHERE m.conversation_id = :conversationId AND m.workspace_id = :workspaceId
          AND m.direction = 'inbound' AND m.seq > c.processed_inbound_seq
        ORDER BY m.seq LIMIT 1`,
      { replacements: { conversationId, workspaceId: scope.workspaceId }, type: QueryTypes.SELECT },
    );
    if (!row) return null;
    const { status, bot_id, customer_id, channel_id, channel_type, ...pending } = row;
    return { ...pending, state: { status, bot_id, customer_id, channel_id, channel_type } };
  }

  /** True when this call committed the outcome for the message. */
  private async handle(
    scope: TenantScope,
    conversationId: string,
    message: PendingMessage,
    keeper: LockKeeper,
  ): Promise<boolean> {
    const { state } = message;
    // A digit answering the closed conversation's rating question is the rating, not a question.
    if (await this.csatReplies.execute(scope, { conversationId, message, conversation: state }))
      return this.markHandledWithoutReply(scope, conversationId, message);
    const bot = state.status === 'bot' ? await this.botConfigs.get(scope, state.bot_id) : null;
    if (!bot?.isActive) return this.markHandledWithoutReply(scope, conversationId, message);
    // Before the AI: the customer asked for a human, so the bot does not answer this or what follows.
    if (matchesHandoffPhrase(message.text, bot.handoffPhrases ?? []))
      return this.customerHandoff.accept(scope, conversationId, message);

    const replyId = randomUUID();
    const request = await this.answerRequest(scope, conversationId, message, bot);
    this.events.typing(scope.workspaceId, { conversationId, senderType: 'bot', typing: true });
    const answer = await this.streamAnswer(
      scope.workspaceId,
      conversationId,
      message.id,
      replyId,
      request,
      keeper,
    );
    this.events.typing(scope.workspaceId, { conversationId, senderType: 'bot', typing: false });
    if (answer === null || !(await keeper.stillHeld())) return false;

    if (answer.done.outcome === 'silent') {
      if (!(await this.markHandledWithoutReply(scope, conversationId, message))) return false;
      await this.reportNotEnoughData(scope, message, request, answer.done);
      return true;
    }
    const reply = await this.commitReply(scope, state, conversationId, message, replyId, answer);
    if (!reply) return false;
    this.events.messageCompleted(scope.workspaceId, reply);
    this.logger.log(`answered message ${message.seq} of conversation ${conversationId}`);
    if (!answer.done.haveEnoughInformation) {
      await this.reportNotEnoughData(scope, message, request, answer.done);
    }
    await this.afterReply(scope, state, message, reply);
    return true;
  }

  /** For the agents, live, and for the handoff work, durably (the ticket app consumes the queue). */
  private async reportNotEnoughData(
    scope: TenantScope,
    message: PendingMessage,
    request: AnswerRequest,
    done: AnswerDone,
  ): Promise<void> {
    const event: BotNotEnoughDataEvent = withTraceId({
      type: 'BOT_NOT_ENOUGH_DATA',
      workspaceId: scope.workspaceId,
      botId: request.botId,
      conversationId: request.conversationId,
      customerId: message.state.customer_id,
      channelId: message.state.channel_id,
      messageId: message.id,
      question: message.text,
      attemptedAnswer: done.attemptedAnswer ?? '',
      policy: request.bot.typeReplyUnknown,
      sources: done.citations,
      occurredAt: new Date().toISOString(),
    });
    this.events.botNotEnoughData(event);
    await this.notEnoughData.add(event, { jobId: `not-enough-data:${message.id}` });
  }

  private async streamAnswer(
    workspaceId: string,
    conversationId: string,
    replyToMessageId: string,
    messageId: string,
    request: AnswerRequest,
    keeper: LockKeeper,
  ): Promise<StreamedAnswer | null> {
    let text = '';
    let done: AnswerDone | null = null;
    const ready: StreamChunk[] = [];
    const buffer = new ParagraphBuffer({ onChunk: (chunk) => ready.push(chunk) });
    // Each chunk is published only after checking, in Redis, that this worker still owns the
    // conversation: once another worker has taken over, this one goes silent.
    const publishReady = async (): Promise<boolean> => {
      while (ready.length > 0) {
        if (!(await keeper.stillHeld())) return false;
        const { index, text: chunk } = ready.shift()!;
        this.events.messageChunk(workspaceId, {
          conversationId,
          messageId,
          replyToMessageId,
          chunkIndex: index,
          text: chunk,
        });
      }
      return true;
    };
    try {
      for await (const event of this.coreAi.streamAnswer(request)) {
        if (event.type === 'error') throw new Error(event.message);
        if (event.type === 'done') done = event;
        if (event.type !== 'delta') continue;
        text += event.text;
        buffer.push(event.text);
        if (!(await publishReady())) break;
      }
      if (!keeper.lost) buffer.end();
    } finally {
      if (keeper.lost) buffer.abort();
    }
    if (!(await publishReady()) || keeper.lost) return null;
    if (!done) throw new Error('core-ai ended the answer stream without a done event');
    return { text, done };
  }

  /**
   * One statement, atomic: the fenced advance (only if nobody handled the message yet) and the
   * reply it makes room for. A duplicate (unique reply_to_message_id) means another worker won.
   */
  private async commitReply(
    scope: TenantScope,
    state: ConversationState,
    conversationId: string,
    message: PendingMessage,
    replyId: string,
    { text, done }: StreamedAnswer,
  ): Promise<MessagePayload | null> {
    try {
      const [row] = await scope.sequelize.query<{ seq: number; created_at: Date }>(
        `WITH advanced AS (
           UPDATE conversations
              SET processed_inbound_seq = :seq, last_message_seq = last_message_seq + 1, last_message_at = now(),
                  updated_at = now(), processed_at = clock_timestamp()
            WHERE id = :conversationId AND workspace_id = :workspaceId AND processed_inbound_seq < :seq
            RETURNING last_message_seq AS reply_seq
         )
         INSERT INTO messages (id, workspace_id, conversation_id, channel_id, seq, direction, sender_type, text, status,
                               reply_to_message_id, metadata)
         SELECT :replyId, :workspaceId, :conversationId, :channelId, reply_seq, 'outbound', 'bot', :text, :status,
                :replyTo, CAST(:metadata AS jsonb)
           FROM advanced
         RETURNING seq, created_at`,
        {
          replacements: {
            seq: message.seq,
            conversationId,
            workspaceId: scope.workspaceId,
            replyId,
            channelId: state.channel_id,
            text,
            // The widget received it over the socket as it streamed; other channels still need delivery.
            status: state.channel_type === 'web' ? 'sent' : 'queued',
            replyTo: message.id,
            metadata: JSON.stringify({
              waitedMs: Math.round(message.waited_ms * 100) / 100,
              answer: {
                outcome: done.outcome,
                haveEnoughInformation: done.haveEnoughInformation,
                provider: done.provider,
                model: done.model,
                promptVersion: done.promptVersion,
                citations: done.citations,
              },
            }),
          },
          type: QueryTypes.SELECT,
        },
      );
      if (!row) return null;
      return {
        id: replyId,
        conversationId,
        seq: row.seq,
        direction: 'outbound',
        senderType: 'bot',
        text,
        attachments: [],
        status: state.channel_type === 'web' ? 'sent' : 'queued',
        replyToMessageId: message.id,
        createdAt: new Date(row.created_at).toISOString(),
      };
    } catch (error) {
      if (error instanceof UniqueConstraintError) return null;
      throw error;
    }
  }

  private async markHandledWithoutReply(
    scope: TenantScope,
    conversationId: string,
    message: PendingMessage,
  ): Promise<boolean> {
    const seq = await scope.sequelize.transaction((transaction) =>
      this.advance(scope, conversationId, message.seq, transaction, false),
    );
    return seq !== null;
  }

  /**
   * The fence: moves `processed_inbound_seq` to this message only if nobody did yet, and takes the
   * next sequence number for the reply. Returns null when the message was already handled.
   */
  private async advance(
    scope: TenantScope,
    conversationId: string,
    seq: number,
    transaction: Transaction,
    withReply: boolean,
  ): Promise<number | null> {
    const [row] = await scope.sequelize.query<{ seq: number }>(
      `UPDATE conversations
          SET processed_inbound_seq = :seq,
              last_message_seq = last_message_seq + ${withReply ? 1 : 0},
              last_message_at = ${withReply ? 'now()' : 'last_message_at'},
              updated_at = now(),
              processed_at = clock_timestamp()
        WHERE id = :conversationId AND workspace_id = :workspaceId AND processed_inbound_seq < :seq
        RETURNING last_message_seq AS seq`,
      {
        replacements: { conversationId, workspaceId: scope.workspaceId, seq },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    return row ? row.seq : null;
  }

  private async answerRequest(
    scope: TenantScope,
    conversationId: string,
    message: PendingMessage,
    bot: BotConfig,
  ): Promise<AnswerRequest> {
    const history = await scope.models.Message.findAll({
      where: { conversationId, workspaceId: scope.workspaceId },
      order: [['seq', 'DESC']],
      limit: HISTORY_MESSAGES,
      attributes: ['seq', 'senderType', 'text'],
    });
    const { id: botId, isActive: _active, handoffPhrases: _phrases, ...settings } = bot;
    return {
      workspaceId: scope.workspaceId,
      botId,
      conversationId,
      messageId: message.id,
      question: message.text,
      history: history
        .filter((m) => m.seq < message.seq && m.senderType !== 'system')
        .reverse()
        .map((m) => ({ role: m.senderType as 'customer' | 'bot' | 'agent', text: m.text })),
      bot: settings,
    };
  }

  private async afterReply(
    scope: TenantScope,
    state: ConversationState,
    message: PendingMessage,
    reply: MessagePayload,
  ): Promise<void> {
    const common = {
      workspaceId: scope.workspaceId,
      conversationId: reply.conversationId,
      messageId: reply.id,
    };
    // The widget already has the answer from the socket; every other channel needs a delivery.
    if (state.channel_type !== 'web') {
      await this.outbound.add(
        withTraceId({ ...common, channelId: state.channel_id, channelType: state.channel_type }),
      );
    }
    // Analytics must not hold up the next message of the conversation; a lost event is logged.
    void this.analytics
      .add(
        withTraceId({
          ...common,
          type: 'message.answered',
          occurredAt: new Date().toISOString(),
          data: { replyToMessageId: message.id, botId: state.bot_id, chars: reply.text.length },
        }),
      )
      .catch((error: Error) => this.logger.warn(`analytics event dropped: ${error.message}`));
  }
}
