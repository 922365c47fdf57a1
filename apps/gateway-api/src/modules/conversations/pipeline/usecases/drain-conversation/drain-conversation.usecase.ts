import { Injectable } from '@nestjs/common';
import { channelTraits } from '@cxgenie/contracts';
import { type Backlog, ConversationBacklogStore } from '@cxgenie/conversations';
import { type TenantScope, TenantConnections } from '@cxgenie/database';
import type { HeardRelease, LockKeeper } from '@cxgenie/redis';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import {
  type BotConfig,
  BotConfigCache,
} from '../../../../../core-modules/bot-config/bot-config.cache';
import { HISTORY_MESSAGES } from '../../answer/answer-request';
import { BotTyping } from '../../answer/bot-typing';
import { SetAsidePoisonMessage } from '../../failures/set-aside-poison-message';
import { ConversationLocks } from '../../ordering/conversation-locks';
import { ConversationProgress } from '../../ordering/conversation-progress';
import type { MessageContext, Outcome } from '../../steps/message-step';
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
  constructor(
    private readonly tenants: TenantConnections,
    private readonly locks: ConversationLocks,
    private readonly backlog: ConversationBacklogStore,
    private readonly progress: ConversationProgress,
    private readonly botConfigs: BotConfigCache,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly steps: MessageSteps,
    private readonly poison: SetAsidePoisonMessage,
  ) {}

  /**
   * Returns how many messages this call handled (0 when another worker holds the conversation, or
   * when `seq`, the message the job was queued for, is known to be handled already).
   */
  async execute(workspaceId: string, conversationId: string, seq?: number): Promise<number> {
    const scope = await this.tenants.scope(workspaceId);
    let handled = 0;
    // The job's first look also reads the progress hint: a message a drain already answered
    // leaves at once. Later looks are for messages other jobs knocked for, whatever their seq.
    let first = seq;
    for (;;) {
      const keeper =
        first === undefined
          ? await this.locks.hold(conversationId)
          : await this.locks.holdUnlessHandled(conversationId, first);
      first = undefined;
      if (!keeper || keeper === 'handled') return handled;
      let released: HeardRelease = 'not-held';
      let settled = false;
      try {
        const drained = await this.drainHeld(scope, conversationId, keeper);
        handled += drained.handled;
        settled = drained.settled;
      } finally {
        released = await keeper.releaseHearing();
      }
      // Every message's job tries the lock after the message is stored. Drained to the end and
      // nobody knocked: each message stored meanwhile has a job still to come, which will find
      // the lock free. A knock means one came and left: look again.
      if (released === 'quiet' && settled) return handled;
      // A drain cut short (its keeper thought the lock lost, e.g. Redis failing over, though the
      // lock was still ours on release) leaves messages whose jobs are spent, and so does a lock
      // lost for real: if nobody took it over, this worker must pick the work up again (acquire
      // fails, and we leave, when somebody did).
      if (released !== 'knocked' && !(await this.backlog.hasPending(scope, conversationId)))
        return handled;
    }
  }

  /**
   * Under the lock: batch after batch until nothing waits (settled) or the lock is lost (not
   * settled: what was left has to be looked for after the release).
   */
  private async drainHeld(
    scope: TenantScope,
    conversationId: string,
    keeper: LockKeeper,
  ): Promise<{ handled: number; settled: boolean }> {
    let handled = 0;
    while (!keeper.lost) {
      const backlog = await this.backlog.fetch(scope, conversationId, {
        limit: BACKLOG_BATCH,
        historyPerMessage: HISTORY_MESSAGES,
      });
      if (!backlog || backlog.pending.length === 0) return { handled, settled: true };
      const batch = await this.handleBatch(scope, conversationId, backlog, keeper);
      handled += batch.handled;
      // The last commit saw nothing more waiting: what arrives from now on is found by the look
      // after the release, so reading the backlog again here would only find it empty.
      if (batch.drained) return { handled, settled: true };
    }
    return { handled, settled: false };
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
  ): Promise<{ handled: number; drained: boolean }> {
    let handled = 0;
    let drained = false;
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
        if (!('progressRecorded' in outcome)) this.progress.record(conversationId, message.seq);
        if (outcome.status === null) break;
        if (outcome.morePending === false) {
          drained = true;
          break;
        }
        status = outcome.status;
        predecessorDoneAt = performance.now();
      }
    } finally {
      typing.stop();
    }
    return { handled, drained };
  }

  /** One message through the steps; a poison message is set aside rather than retried forever. */
  private async handleMessage(context: MessageContext): Promise<Outcome> {
    try {
      return await this.steps.handle(context);
    } catch (error) {
      return this.poison.afterFailure(context, error);
    }
  }
}
