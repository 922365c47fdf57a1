import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { channelTraits } from '@cxgenie/contracts';
import {
  type Backlog,
  ConversationBacklogStore,
  ConversationFenceStore,
  DeadLetterStore,
  FAILURES_BEFORE_DEAD_LETTER,
  RepeatedFailures,
} from '@cxgenie/conversations';
import { type TenantScope, TenantConnections, isDataError } from '@cxgenie/database';
import { LockKeeper, RedisLocks } from '@cxgenie/redis';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import {
  type BotConfig,
  BotConfigCache,
} from '../../../../../core-modules/bot-config/bot-config.cache';
import { HISTORY_MESSAGES } from '../../answer/answer-request';
import { BotTyping } from '../../answer/bot-typing';
import { ConversationProgress, conversationLockKey } from '../../ordering/conversation-progress';
import { type MessageContext, NOT_HANDLED, type Outcome } from '../../steps/message-step';
import { MessageSteps } from '../../steps/message-steps';

/**
 * Whether the intake may have shown the customer the bot typing for these messages (a live
 * channel's message accepted in bot mode, see WidgetConversations): the batch then ends it,
 * answered or not. Whatever the status now: an agent may have taken over since.
 */
const announcesTyping = (state: Backlog['state']): boolean =>
  channelTraits(state.channel_type).liveDelivery;

/** Waiting messages fetched at once; the state is re-read between batches. */
const BACKLOG_BATCH = 20;

/**
 * Answers a conversation's waiting customer messages strictly in sequence order. Whoever holds the
 * conversation's lock drains every pending message, so a message waiting behind another starts
 * the moment its predecessor is done, with no retry backoff in between. After releasing, the
 * holder looks again: a message persisted while it was finishing is never stranded.
 *
 * Exactly one outcome per message: every step commits through the conversation owner's fence, so
 * a worker that lost its lock, or a retry after a crash, cannot handle a message twice.
 */
@Injectable()
export class DrainConversation {
  private readonly logger = new Logger(DrainConversation.name);

  constructor(
    private readonly tenants: TenantConnections,
    private readonly locks: RedisLocks,
    private readonly backlog: ConversationBacklogStore,
    private readonly progress: ConversationProgress,
    private readonly botConfigs: BotConfigCache,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly steps: MessageSteps,
    private readonly fence: ConversationFenceStore,
    private readonly failures: RepeatedFailures,
    private readonly deadLetters: DeadLetterStore,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /**
   * Returns how many messages this call handled (0 when another worker holds the conversation, or
   * when `seq`, the message the job was queued for, is known to be handled already).
   */
  async execute(workspaceId: string, conversationId: string, seq?: number): Promise<number> {
    if (seq !== undefined && (await this.progress.handledThrough(conversationId)) >= seq) return 0;
    const ttlMs = this.config.conversationLockTtlMs;
    const scope = await this.tenants.scope(workspaceId);
    let handled = 0;
    for (;;) {
      const lock = await this.locks.acquire(conversationLockKey(conversationId), ttlMs);
      if (!lock) return handled;
      const keeper = new LockKeeper(this.locks, lock, ttlMs).start();
      try {
        handled += await this.drainHeld(scope, conversationId, keeper);
      } finally {
        await keeper.release();
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
    const typing = new BotTyping(
      this.broadcaster,
      scope.workspaceId,
      conversationId,
      announcesTyping(state),
    );
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
        const outcome = await this.handleMessage({
          scope,
          conversationId,
          message,
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

  /**
   * One message through the steps. A message the database refuses for what it holds fails the
   * same way on every retry and holds up everything after it: after a few tries it is set aside
   * as a dead letter, with the reason, and the conversation moves on without a reply to it.
   */
  private async handleMessage(context: MessageContext): Promise<Outcome> {
    const { scope, conversationId, message } = context;
    try {
      return await this.steps.handle(context);
    } catch (error) {
      if (!isDataError(error)) throw error;
      const work = `pipeline:${conversationId}:${message.seq}`;
      const attempts = await this.failures.count(work);
      if (attempts < FAILURES_BEFORE_DEAD_LETTER) throw error;
      const status = await this.fence.advanceWithoutReply(scope, conversationId, message.seq);
      if (status === null) return NOT_HANDLED;
      await this.deadLetters.setAside(scope, {
        source: 'conversation_pipeline',
        channelId: message.state.channel_id,
        conversationId,
        reason: (error as Error).message,
        attempts,
        payload: { messageId: message.id, seq: message.seq, text: message.text },
      });
      await this.failures.forget(work);
      this.logger.error(
        `set aside message ${message.seq} of ${conversationId} after ${attempts} failures: ${(error as Error).message}`,
      );
      return { handled: true, status };
    }
  }
}
