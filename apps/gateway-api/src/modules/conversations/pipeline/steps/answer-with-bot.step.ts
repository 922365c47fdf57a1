import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type MessagePayload, ServerEvents, channelTraits } from '@cxgenie/contracts';
import { ConversationFenceStore, type OutboxJob } from '@cxgenie/conversations';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import {
  AFTER_ANSWER_STEPS,
  type AfterAnswerStep,
  type AnswerOutcome,
  type CommittingOutcome,
} from '../after-answer/answer-outcome';
import { buildAnswerRequest } from '../answer/answer-request';
import { type StreamedAnswer, StreamAnswer } from '../answer/stream-answer';
import { ConversationProgress } from '../ordering/conversation-progress';
import { OutboxPublisher } from '../outbox/outbox-publisher';
import { AttachAttemptedAnswer } from '../usecases/attach-attempted-answer/attach-attempted-answer.usecase';
import { type MessageContext, type MessageStep, NOT_HANDLED, type Outcome } from './message-step';

/**
 * The bot answers: core-ai's answer streams to the customer, then one statement commits the
 * reply behind the fence (only if nobody handled the message yet and the bot still has the
 * conversation). Whatever follows the commit is an after-answer step. An answer that cannot be
 * committed (the lock lost, an agent took over) is retracted from the customer's screen.
 */
@Injectable()
export class AnswerWithBotStep implements MessageStep {
  private readonly logger = new Logger(AnswerWithBotStep.name);

  constructor(
    private readonly stream: StreamAnswer,
    private readonly fence: ConversationFenceStore,
    private readonly progress: ConversationProgress,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly outbox: OutboxPublisher,
    private readonly attempts: AttachAttemptedAnswer,
    @Inject(AFTER_ANSWER_STEPS) private readonly after: AfterAnswerStep[],
  ) {}

  async handle(context: MessageContext): Promise<Outcome | null> {
    const { scope, conversationId, message, keeper, typing } = context;
    const bot = (await context.bot())!;
    const reply = { conversationId, messageId: randomUUID(), replyToMessageId: message.id };
    const request = buildAnswerRequest(
      scope.workspaceId,
      conversationId,
      message,
      bot,
      context.history,
    );
    typing.start();
    const progress = { chunks: 0 };
    const answer = await this.stream.execute(reply, request, keeper, progress, {
      streams: channelTraits(message.state.channel_type).streamsAnswer,
    });
    if (answer === null || !(await keeper.stillHeld())) {
      this.stream.retract(reply, progress);
      return NOT_HANDLED;
    }
    // Handed off on the decision: the attempt follows once this message is done with (ADR 0045).
    const attemptPending = answer.attempt !== null;
    const base = {
      scope,
      conversationId,
      question: message,
      request,
      done: answer.done,
      attemptPending,
    };
    if (answer.done.outcome === 'silent') {
      const jobs = this.committedJobs({ ...base, kind: 'silent' });
      const advanced = await this.fence.advanceReporting(scope, conversationId, message.seq, jobs);
      this.stream.completed(reply, progress);
      if (advanced === null) return NOT_HANDLED;
      await this.outbox.publish(scope, jobs);
      await this.runAfter({ ...base, kind: 'silent' });
      if (answer.attempt) void this.attempts.follow({ ...base, kind: 'silent' }, answer.attempt);
      return { handled: true, ...advanced };
    }
    const jobs = this.committedJobs({ ...base, kind: 'answered' });
    const committed = await this.commit(context, reply.messageId, answer, jobs);
    if (!committed) {
      this.stream.retract(reply, progress);
      return NOT_HANDLED;
    }
    await this.outbox.publish(scope, jobs);
    this.broadcaster.toConversation(
      scope.workspaceId,
      conversationId,
      ServerEvents.MessageCompleted,
      committed.reply,
    );
    // A socket connecting from now on reads the reply from PostgreSQL: the hint and the dropped
    // chunk log go together (ConversationProgress.recordCommitted).
    this.progress.recordCommitted(
      conversationId,
      message.seq,
      progress.chunks > 0 ? reply.messageId : null,
    );
    this.logger.log(`answered message ${message.seq} of conversation ${conversationId}`);
    const outcome = { ...base, kind: 'answered' as const, reply: committed.reply };
    await this.runAfter(outcome);
    if (answer.attempt) void this.attempts.follow(outcome, answer.attempt);
    return {
      handled: true,
      status: committed.status,
      morePending: committed.morePending,
      progressRecorded: true,
    };
  }

  private committedJobs(outcome: CommittingOutcome): OutboxJob[] {
    return this.after.flatMap((step) => step.committedJobs?.(outcome) ?? []);
  }

  private async runAfter(outcome: AnswerOutcome): Promise<void> {
    for (const step of this.after) await step.handle(outcome);
  }

  private async commit(
    { scope, conversationId, message }: MessageContext,
    replyId: string,
    { text, done }: StreamedAnswer,
    jobs: readonly OutboxJob[],
  ) {
    const { state } = message;
    // A channel that delivers live (the widget) received it as it streamed.
    const status = channelTraits(state.channel_type).liveDelivery ? 'sent' : 'queued';
    const committed = await this.fence.commitReply(
      scope,
      {
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
            kind: done.kind ?? 'knowledge',
            // Why the bot answered (or handed off), for the inbox's "why" disclosure.
            answerability: done.answerability ?? null,
          },
        },
      },
      jobs,
    );
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
    return { reply, status: committed.conversationStatus, morePending: committed.morePending };
  }
}
