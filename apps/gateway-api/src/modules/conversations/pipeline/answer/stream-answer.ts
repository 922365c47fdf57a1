import { Injectable } from '@nestjs/common';
import {
  type AnswerDecisionEvent,
  type AnswerDoneEvent,
  type AnswerRequest,
  type AnswerStreamEvent,
  type MessageDiscardedPayload,
  ServerEvents,
} from '@cxgenie/contracts';
import type { LockKeeper } from '@cxgenie/redis';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { CoreAiClient } from '../../../../core-modules/core-ai/core-ai.client';
import { ParagraphFlushInterval } from '../../../flags/paragraph-flush-interval';
import { ParagraphBuffer, type StreamChunk } from '../streaming/paragraph-buffer';
import { StreamedChunks } from '../streaming/streamed-chunks';

/** The ids of a reply being streamed: its own, its conversation's, the message it answers. */
export type ReplyIds = MessageDiscardedPayload;

export interface StreamedAnswer {
  text: string;
  done: AnswerDoneEvent;
  /**
   * Set when core-ai decided NO and everything the customer gets is known (nothing, or the
   * fallback): the answer is handed back at once, `done` stands for the decision without the
   * attempt, and this resolves to the attempt once core-ai has written it (ADR 0045). It never
   * rejects: null when the rest of the stream failed.
   */
  attempt: Promise<string | null> | null;
}

/** A decision after which the customer gets nothing more than (at most) the fallback's one delta. */
const decidesHandoff = (decision: AnswerDecisionEvent | null): decision is AnswerDecisionEvent =>
  decision !== null &&
  !decision.answer &&
  (decision.outcome === 'silent' || decision.outcome === 'fallback');

/** What `done` will say about the answer, known from the decision already (all but the attempt). */
function doneOfDecision(decision: AnswerDecisionEvent, request: AnswerRequest): AnswerDoneEvent {
  return {
    type: 'done',
    haveEnoughInformation: false,
    outcome: decision.outcome,
    provider: decision.provider ?? request.bot.llmProvider,
    model: decision.model ?? request.bot.llmModel,
    promptVersion: decision.promptVersion ?? '',
    citations: decision.citations,
    attemptedAnswer: null,
    kind: decision.kind,
    answerability: decision.answerability,
  };
}

/** The rest of a stream handed off early: its `done`'s attempt, or null if it fails. */
async function attemptOf(
  pending: readonly AnswerStreamEvent[],
  batches: AsyncIterator<AnswerStreamEvent[]>,
): Promise<string | null> {
  try {
    let events = pending;
    for (;;) {
      for (const event of events) {
        if (event.type === 'error') return null;
        if (event.type === 'done') return event.attemptedAnswer ?? '';
      }
      const next = await batches.next();
      if (next.done) return null;
      events = next.value;
    }
  } catch {
    return null;
  } finally {
    await batches.return?.(undefined);
  }
}

/** How many chunks of a reply reached the customer, also when the answer is abandoned. */
export interface StreamProgress {
  chunks: number;
}

/**
 * Publishes a reply's chunks in order, one at a time, whether they come from a network read or
 * from one of the buffer's timers (a chunk flushed while core-ai is silent goes out then, not with
 * the next read). Each is published only while this worker still owns the conversation, and
 * logged for sockets that reconnect mid-answer, in the same round trip.
 */
class ChunkPublisher {
  private readonly ready: StreamChunk[] = [];
  private chain: Promise<boolean> = Promise.resolve(true);
  private failure: unknown = null;
  /** A chunk was added since the last settled(): only then can its answer have changed. */
  private added = false;

  constructor(
    private readonly reply: ReplyIds,
    private readonly keeper: LockKeeper,
    private readonly progress: StreamProgress,
    private readonly log: StreamedChunks,
    private readonly broadcaster: RealtimeBroadcaster,
  ) {}

  add(chunk: StreamChunk): void {
    this.added = true;
    this.ready.push(chunk);
    this.chain = this.chain
      .then((ok) => ok && this.publishReady())
      .catch((error: unknown) => {
        this.failure ??= error;
        return false;
      });
  }

  /** Resolves once everything added so far is out: false when the lock was lost on the way. */
  async settled(): Promise<boolean> {
    this.added = false;
    const ok = await this.chain;
    if (this.failure) throw this.failure;
    return ok;
  }

  /**
   * Whether settled() could answer anything new. The chain only moves when a chunk is added, and
   * a read that completes no chunk (most of them) then needs no wait, a few promises per token.
   */
  get unsettled(): boolean {
    return this.added;
  }

  /**
   * Each chunk goes out in one Redis round trip that checks the lock, logs the chunk and publishes
   * it (StreamedChunks.publish): nothing is published once the lock is lost, however recently it
   * was confirmed.
   */
  private async publishReady(): Promise<boolean> {
    while (this.ready.length > 0) {
      if (this.keeper.lost) return false;
      const { index, text } = this.ready.shift()!;
      const chunk = { ...this.reply, chunkIndex: index, text };
      const wire = this.broadcaster.encodeToCustomers(
        this.reply.conversationId,
        ServerEvents.MessageChunk,
        chunk,
      );
      const askedAt = performance.now();
      const published = await this.log.publish(chunk, this.keeper.lock, wire);
      this.keeper.noteOwnership(published, askedAt);
      if (!published) return false;
      this.progress.chunks += 1;
    }
    return true;
  }
}

/**
 * Streams core-ai's answer to the customer paragraph by paragraph, the first words as soon as
 * the buffer lets them go (on a channel that shows answers as they are written: `streamsAnswer`;
 * elsewhere the answer is only gathered). Each chunk is published only after checking that this
 * worker still owns the conversation: once another worker (or an agent's take-over) has it, this
 * one goes silent, and the answer is null.
 */
@Injectable()
export class StreamAnswer {
  constructor(
    private readonly coreAi: CoreAiClient,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly flushInterval: ParagraphFlushInterval,
    private readonly streamed: StreamedChunks,
  ) {}

  async execute(
    reply: ReplyIds,
    request: AnswerRequest,
    keeper: LockKeeper,
    progress: StreamProgress,
    { streams }: { streams: boolean },
  ): Promise<StreamedAnswer | null> {
    let text = '';
    let done: AnswerDoneEvent | null = null;
    let decision: AnswerDecisionEvent | null = null;
    // Set once the decision is a handoff and the customer's part is complete: the events after it.
    let handedOff: AnswerStreamEvent[] | null = null;
    const publisher = new ChunkPublisher(reply, keeper, progress, this.streamed, this.broadcaster);
    const buffer = new ParagraphBuffer({
      onChunk: (chunk) => {
        if (streams) publisher.add(chunk);
      },
      idleFlushMs: await this.flushInterval.forBot(request.workspaceId, request.botId),
    });
    const batches = this.coreAi.streamAnswerBatches(request)[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await batches.next();
        if (next.done) break;
        const events = next.value;
        for (let i = 0; i < events.length && !handedOff; i += 1) {
          const event = events[i]!;
          if (event.type === 'error') throw new Error(event.message);
          if (event.type === 'done') done = event;
          if (event.type === 'decision') {
            decision = event;
            if (decidesHandoff(decision) && decision.outcome === 'silent')
              handedOff = events.slice(i + 1);
          }
          if (event.type !== 'delta') continue;
          text += event.text;
          buffer.push(event.text);
          // The fallback is the one delta a handoff's customer gets; the attempt is for agents.
          if (decidesHandoff(decision)) handedOff = events.slice(i + 1);
        }
        // One read's chunks out before the next read: a lost lock stops the stream here.
        if ((publisher.unsettled && !(await publisher.settled())) || handedOff) break;
      }
      if (!keeper.lost) buffer.end();
    } catch (error) {
      handedOff = null;
      throw error;
    } finally {
      // After end() a no-op; on a lost lock or a failed stream, nothing more may go out.
      buffer.abort();
      if (!handedOff) void batches.return?.(undefined);
    }
    let delivered = false;
    try {
      delivered = (await publisher.settled()) && !keeper.lost;
    } finally {
      if (!delivered && handedOff) void batches.return?.(undefined);
    }
    if (!delivered) return null;
    if (handedOff && decision) {
      return {
        text,
        done: doneOfDecision(decision, request),
        attempt: attemptOf(handedOff, batches),
      };
    }
    if (!done) throw new Error('core-ai ended the answer stream without a done event');
    return { text, done, attempt: null };
  }

  /**
   * The answer will not be committed: the customer is told to drop what it was shown of it. Only
   * a retraction of this worker's own chunks, so it is safe after losing the lock.
   */
  retract(reply: ReplyIds, progress: StreamProgress): void {
    if (progress.chunks === 0) return;
    this.broadcaster.toCustomers(reply.conversationId, ServerEvents.MessageDiscarded, reply);
    this.streamed.forget(reply.conversationId, reply.messageId);
  }

  /** The reply is committed: a socket connecting from now on reads it from PostgreSQL. */
  completed(reply: ReplyIds, progress: StreamProgress): void {
    if (progress.chunks > 0) this.streamed.forget(reply.conversationId, reply.messageId);
  }
}
