import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import {
  type AnswerRequest,
  type AnswerDoneEvent,
  type BotNotEnoughDataEvent,
  type ChannelOutboundJobData,
  type MessageDiscardedPayload,
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
import { AnswerFacts } from '../../actions/answer-facts';
import { matchesHandoffPhrase } from '../../../tickets/handoff/handoff-phrase';
import { ConversationLock } from '../../ordering/conversation-lock';
import {
  type Backlog,
  ConversationBacklog,
  type ConversationState,
  type HistoryMessage,
  type WaitingMessage,
} from '../../ordering/conversation-backlog';
import { ConversationProgress } from '../../ordering/conversation-progress';
import { ConversationFence } from '../../ordering/conversation-fence';
import { CaptureCsatReply } from '../capture-csat-reply/capture-csat-reply.usecase';
import { LockKeeper } from '../../ordering/lock-keeper';
import { ConversationEvents } from '../../realtime/conversation-events';
import { ParagraphBuffer, type StreamChunk } from '../../streaming/paragraph-buffer';
import { BotTyping } from '../../realtime/bot-typing';
import { BotKillSwitch } from '../../../flags/bot-kill-switch';
import { ParagraphFlushInterval } from '../../../flags/paragraph-flush-interval';

const HISTORY_MESSAGES = 10;
/** Waiting messages fetched at once; the state is re-read between batches. */
const BACKLOG_BATCH = 20;

interface PendingMessage extends WaitingMessage {
  /** The conversation as it is now (not when the job was queued): an agent may have taken over. */
  state: ConversationState;
}

/** The ids of a reply being streamed: its own, its conversation's, the message it answers. */
type ReplyIds = MessageDiscardedPayload;

interface StreamedAnswer {
  text: string;
  done: AnswerDoneEvent;
}

/** What handling one message did, and whether the next one of the batch may follow at once. */
type Outcome =
  /** Committed, and the conversation's status as of that commit. */
  | { handled: true; status: string }
  /** Committed, but the conversation changed (handoff, rating): read it again. */
  | { handled: true; status: null }
  /** Somebody else handled it, or this worker lost the conversation. */
  | { handled: false };

const NOT_HANDLED: Outcome = { handled: false };

/** What every message of a batch shares. */
interface BatchContext {
  keeper: LockKeeper;
  history: HistoryMessage[];
  typing: BotTyping;
  /** The bot's settings, read when a message of the batch first needs them. */
  bot: () => Promise<BotConfig | null>;
}

/**
 * Answers a conversation's waiting customer messages strictly in sequence order. Whoever holds the
 * conversation's lock drains every pending message, so a message waiting behind another starts
 * the moment its predecessor is done, with no retry backoff in between. After releasing, the
 * holder looks again: a message persisted while it was finishing is never stranded.
 *
 * Exactly one reply per message: every outcome goes through `ConversationFence`, so a worker that
 * lost its lock, or a retry after a crash, cannot answer a message twice.
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
    private readonly facts: AnswerFacts,
    @InjectQueue(QueueNames.BotNotEnoughData)
    private readonly notEnoughData: Queue<BotNotEnoughDataEvent>,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly customerHandoff: CustomerHandoff,
    private readonly csatReplies: CaptureCsatReply,
    private readonly backlog: ConversationBacklog,
    private readonly progress: ConversationProgress,
    private readonly fence: ConversationFence,
    private readonly killSwitch: BotKillSwitch,
    private readonly flushInterval: ParagraphFlushInterval,
  ) {}

  /**
   * Returns how many messages this call handled (0 when another worker holds the conversation, or
   * when `seq`, the message the job was queued for, is known to be handled already).
   */
  async drain(workspaceId: string, conversationId: string, seq?: number): Promise<number> {
    if (seq !== undefined && (await this.progress.handledThrough(conversationId)) >= seq) return 0;
    const ttlMs = this.config.conversationLockTtlMs;
    const scope = await this.tenants.scope(workspaceId);
    let handled = 0;
    for (;;) {
      const lock = await this.locks.acquire(conversationId, ttlMs);
      if (!lock) return handled;
      const keeper = new LockKeeper(this.locks, lock, ttlMs).start();
      try {
        handled += await this.drainHeld(scope, conversationId, keeper);
      } finally {
        keeper.stop();
        await this.locks.release(lock).catch(() => false);
      }
      // Also after losing the lock: if nobody took it over, this worker must pick the work up again
      // (acquire fails, and we leave, when somebody did).
      if (!(await this.backlog.hasPending(scope, conversationId))) return handled;
    }
  }

  /** Under the lock: batch after batch until nothing waits or the lock is lost. */
  private async drainHeld(
    scope: TenantScope,
    conversationId: string,
    keeper: LockKeeper,
  ): Promise<number> {
    let handled = 0;
    while (!keeper.lost) {
      const backlog = await this.backlog.fetch(scope, conversationId, {
        limit: BACKLOG_BATCH,
        historyPerMessage: HISTORY_MESSAGES,
      });
      if (!backlog || backlog.pending.length === 0) return handled;
      handled += await this.handleBatch(scope, conversationId, backlog, keeper);
    }
    return handled;
  }

  /**
   * The batch in order. Each commit returns the conversation's status, so the next message sees
   * an agent's take-over as soon as a fresh query would; anything else that changes the
   * conversation ends the batch and the state is read again.
   */
  private async handleBatch(
    scope: TenantScope,
    conversationId: string,
    { state, pending, history }: Backlog,
    keeper: LockKeeper,
  ): Promise<number> {
    let handled = 0;
    let status = state.status;
    let predecessorDoneAt: number | null = null;
    // Answers back to back: the bot keeps typing from the first to the last.
    const typing = new BotTyping(this.events, scope.workspaceId, conversationId);
    // Read at most once per batch: a change of the bot's settings applies from the next batch.
    let loaded: Promise<BotConfig | null> | null = null;
    const bot = () => (loaded ??= this.botConfigs.get(scope, state.bot_id));
    try {
      for (const waiting of pending) {
        if (keeper.lost) break;
        // After the first, each message waited only for its predecessor (it arrived before the fetch).
        const waited_ms =
          predecessorDoneAt === null ? waiting.waited_ms : performance.now() - predecessorDoneAt;
        const message = { ...waiting, waited_ms, state: { ...state, status } };
        const outcome = await this.handle(scope, conversationId, message, {
          keeper,
          history,
          typing,
          bot,
        });
        if (!outcome.handled) break;
        handled += 1;
        this.progress.record(conversationId, message.seq);
        if (outcome.status === null) break;
        status = outcome.status;
        predecessorDoneAt = performance.now();
      }
    } finally {
      typing.stop();
    }
    return handled;
  }

  private async handle(
    scope: TenantScope,
    conversationId: string,
    message: PendingMessage,
    { keeper, history, typing, bot }: BatchContext,
  ): Promise<Outcome> {
    const { state } = message;
    // A digit answering the closed conversation's rating question is the rating, not a question.
    if (await this.csatReplies.execute(scope, { conversationId, message, conversation: state }))
      return this.changedState(await this.markHandledWithoutReply(scope, conversationId, message));
    const settings = state.status === 'bot' ? await bot() : null;
    if (!settings?.isActive) return this.markHandledWithoutReply(scope, conversationId, message);
    // The kill switch (a flag): a new conversation goes to the agents before the bot says anything.
    const paused = await this.killSwitch.divert(
      scope,
      conversationId,
      state.bot_id,
      message,
      history,
    );
    if (paused !== null) return paused ? { handled: true, status: null } : NOT_HANDLED;
    // Before the AI: the customer asked for a human, so the bot does not answer this or what follows.
    if (matchesHandoffPhrase(message.text, settings.handoffPhrases ?? []))
      return (await this.customerHandoff.accept(scope, conversationId, message))
        ? { handled: true, status: null }
        : NOT_HANDLED;

    const reply = { conversationId, messageId: randomUUID(), replyToMessageId: message.id };
    const request = this.answerRequest(scope, conversationId, message, settings, history);
    typing.start();
    const streamed = { chunks: 0 };
    const answer = await this.streamAnswer(reply, request, keeper, streamed);
    if (answer === null || !(await keeper.stillHeld())) return this.abandon(reply, streamed);

    const question = {
      workspaceId: scope.workspaceId,
      conversationId,
      botId: state.bot_id,
      questionId: message.id,
      waitedMs: message.waited_ms,
      done: answer.done,
    };
    if (answer.done.outcome === 'silent') {
      const outcome = await this.markHandledWithoutReply(scope, conversationId, message);
      if (!outcome.handled) return outcome;
      await this.reportNotEnoughData(scope, message, request, answer.done);
      this.facts.unanswered(question);
      return outcome;
    }
    const committed = await this.commitReply(
      scope,
      state,
      conversationId,
      message,
      reply.messageId,
      answer,
    );
    if (!committed) return this.abandon(reply, streamed);
    const { status } = committed;
    this.events.messageCompleted(scope.workspaceId, committed.reply);
    this.logger.log(`answered message ${message.seq} of conversation ${conversationId}`);
    if (!answer.done.haveEnoughInformation) {
      await this.reportNotEnoughData(scope, message, request, answer.done);
    }
    await this.queueDelivery(scope, state, committed.reply);
    // Analytics must not hold up the next message of the conversation.
    this.facts.answered(question, committed.reply);
    return { handled: true, status };
  }

  /**
   * The answer will not be committed (an agent took the conversation over, or another worker has
   * it): the customer is told to drop what it was shown of it. Only a retraction of this worker's
   * own chunks, so it is safe after losing the lock.
   */
  private abandon(reply: ReplyIds, streamed: { chunks: number }): Outcome {
    if (streamed.chunks > 0) this.events.messageDiscarded(reply);
    return NOT_HANDLED;
  }

  private changedState(outcome: Outcome): Outcome {
    return outcome.handled ? { handled: true, status: null } : outcome;
  }

  /** For the agents, live, and for the handoff work, durably (the ticket app consumes the queue). */
  private async reportNotEnoughData(
    scope: TenantScope,
    message: PendingMessage,
    request: AnswerRequest,
    done: AnswerDoneEvent,
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

  /** `streamed.chunks` counts what reached the customer, also when the answer is abandoned. */
  private async streamAnswer(
    { conversationId, messageId, replyToMessageId }: ReplyIds,
    request: AnswerRequest,
    keeper: LockKeeper,
    streamed: { chunks: number },
  ): Promise<StreamedAnswer | null> {
    let text = '';
    let done: AnswerDoneEvent | null = null;
    const ready: StreamChunk[] = [];
    const buffer = new ParagraphBuffer({
      onChunk: (chunk) => ready.push(chunk),
      idleFlushMs: await this.flushInterval.forBot(request.workspaceId, request.botId),
    });
    // Each chunk is published only after checking, in Redis, that this worker still owns the
    // conversation: once another worker has taken over, this one goes silent.
    const publishReady = async (): Promise<boolean> => {
      while (ready.length > 0) {
        if (!(await keeper.stillHeld())) return false;
        const { index, text: chunk } = ready.shift()!;
        this.events.messageChunk({
          conversationId,
          messageId,
          replyToMessageId,
          chunkIndex: index,
          text: chunk,
        });
        streamed.chunks += 1;
      }
      return true;
    };
    try {
      for await (const events of this.coreAi.streamAnswerBatches(request)) {
        for (const event of events) {
          if (event.type === 'error') throw new Error(event.message);
          if (event.type === 'done') done = event;
          if (event.type !== 'delta') continue;
          text += event.text;
          buffer.push(event.text);
        }
        if (ready.length > 0 && !(await publishReady())) break;
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
  ): Promise<{ reply: MessagePayload; status: string } | null> {
    // The widget received it over the socket as it streamed; other channels still need delivery.
    const status = state.channel_type === 'web' ? 'sent' : 'queued';
    const committed = await this.fence.commitReply(scope, {
      conversationId,
      replyTo: message,
      replyId,
      channelId: state.channel_id,
      text,
      status,
      metadata: {
        waitedMs: Math.round(message.waited_ms * 100) / 100,
        answer: {
          outcome: done.outcome,
          haveEnoughInformation: done.haveEnoughInformation,
          provider: done.provider,
          model: done.model,
          promptVersion: done.promptVersion,
          citations: done.citations,
        },
      },
    });
    if (!committed) return null;
    const reply: MessagePayload = {
      id: replyId,
      conversationId,
      seq: committed.seq,
      direction: 'outbound',
      senderType: 'bot',
      text,
      attachments: [],
      status,
      replyToMessageId: message.id,
      createdAt: committed.createdAt.toISOString(),
    };
    return { reply, status: committed.conversationStatus };
  }

  private async markHandledWithoutReply(
    scope: TenantScope,
    conversationId: string,
    message: PendingMessage,
  ): Promise<Outcome> {
    const status = await this.fence.advanceWithoutReply(scope, conversationId, message.seq);
    return status === null ? NOT_HANDLED : { handled: true, status };
  }

  /** The message's history: the last messages before it, from the batch's window. */
  private answerRequest(
    scope: TenantScope,
    conversationId: string,
    message: PendingMessage,
    bot: BotConfig,
    window: HistoryMessage[],
  ): AnswerRequest {
    const { id: botId, isActive: _active, handoffPhrases: _phrases, ...settings } = bot;
    return {
      workspaceId: scope.workspaceId,
      botId,
      conversationId,
      messageId: message.id,
      question: message.text,
      history: window
        .filter((m) => m.seq < message.seq && m.senderType !== 'system')
        .slice(-HISTORY_MESSAGES)
        .map((m) => ({ role: m.senderType as 'customer' | 'bot' | 'agent', text: m.text })),
      bot: settings,
    };
  }

  /** The widget already has the answer from the socket; every other channel needs a delivery. */
  private async queueDelivery(
    scope: TenantScope,
    state: ConversationState,
    reply: MessagePayload,
  ): Promise<void> {
    if (state.channel_type === 'web') return;
    await this.outbound.add(
      withTraceId({
        workspaceId: scope.workspaceId,
        conversationId: reply.conversationId,
        messageId: reply.id,
        channelId: state.channel_id,
        channelType: state.channel_type,
      }),
    );
  }
}
