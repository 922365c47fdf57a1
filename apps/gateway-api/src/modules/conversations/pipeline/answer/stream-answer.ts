import { Injectable } from '@nestjs/common';
import {
  type AnswerDoneEvent,
  type AnswerRequest,
  type MessageDiscardedPayload,
  ServerEvents,
} from '@cxgenie/contracts';
import type { LockKeeper } from '@cxgenie/redis';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { CoreAiClient } from '../../../../core-modules/core-ai/core-ai.client';
import { ParagraphFlushInterval } from '../../../flags/paragraph-flush-interval';
import { ParagraphBuffer, type StreamChunk } from '../streaming/paragraph-buffer';

/** The ids of a reply being streamed: its own, its conversation's, the message it answers. */
export type ReplyIds = MessageDiscardedPayload;

export interface StreamedAnswer {
  text: string;
  done: AnswerDoneEvent;
}

/** How many chunks of a reply reached the customer, also when the answer is abandoned. */
export interface StreamProgress {
  chunks: number;
}

/**
 * Streams core-ai's answer to the customer paragraph by paragraph (on a channel that shows
 * answers as they are written: `streamsAnswer`; elsewhere the answer is only gathered). Each chunk
 * is published only after checking that this worker still owns the conversation: once another
 * worker (or an agent's take-over) has it, this one goes silent, and the answer is null.
 */
@Injectable()
export class StreamAnswer {
  constructor(
    private readonly coreAi: CoreAiClient,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly flushInterval: ParagraphFlushInterval,
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
    const ready: StreamChunk[] = [];
    const buffer = new ParagraphBuffer({
      onChunk: (chunk) => {
        if (streams) ready.push(chunk);
      },
      idleFlushMs: await this.flushInterval.forBot(request.workspaceId, request.botId),
    });
    const publishReady = async (): Promise<boolean> => {
      while (ready.length > 0) {
        if (!(await keeper.stillHeld())) return false;
        const { index, text: chunk } = ready.shift()!;
        this.broadcaster.toCustomers(reply.conversationId, ServerEvents.MessageChunk, {
          ...reply,
          chunkIndex: index,
          text: chunk,
        });
        progress.chunks += 1;
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
   * The answer will not be committed: the customer is told to drop what it was shown of it. Only
   * a retraction of this worker's own chunks, so it is safe after losing the lock.
   */
  retract(reply: ReplyIds, progress: StreamProgress): void {
    if (progress.chunks > 0)
      this.broadcaster.toCustomers(reply.conversationId, ServerEvents.MessageDiscarded, reply);
  }
}
