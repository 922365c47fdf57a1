import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AnswerDoneEvent, Answerability, RetrievedChunk } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { CoreAiClient } from '../../../../core-modules/core-ai/core-ai.client';
import { PlaygroundBots } from '../../playground-bots';
import { PlaygroundEngineException } from '../../playground.exception';
import type { TryAnswerCommand } from './try-answer.command';

export interface TriedAnswer {
  answer: string;
  attemptedAnswer: string | null;
  verdict: Pick<AnswerDoneEvent, 'haveEnoughInformation' | 'outcome'>;
  answerability: Answerability | null;
  citations: AnswerDoneEvent['citations'];
  retrieved: RetrievedChunk[];
  provider: string;
  model: string;
  tookMs: number;
}

/**
 * Asks the bot a question exactly as a customer's message would (same settings, same engine),
 * outside any conversation: nothing is stored, nobody is notified, no analytics fact is written.
 * The retrieval it ran is shown beside the answer so the person tuning the bot sees why.
 */
@Injectable()
export class TryAnswer {
  constructor(
    private readonly bots: PlaygroundBots,
    private readonly coreAi: CoreAiClient,
  ) {}

  async execute(scope: TenantScope, command: TryAnswerCommand): Promise<TriedAnswer> {
    const {
      id: botId,
      isActive: _active,
      handoffPhrases: _phrases,
      ...settings
    } = await this.bots.require(scope, command.botId);
    const started = performance.now();
    try {
      const [answer, search] = await Promise.all([
        this.answer({
          workspaceId: scope.workspaceId,
          botId,
          // A trial has no conversation; fresh ids keep it apart from every real one.
          conversationId: randomUUID(),
          messageId: randomUUID(),
          question: command.question,
          history: command.history ?? [],
          bot: settings,
        }),
        this.coreAi.search({
          workspaceId: scope.workspaceId,
          botId,
          query: command.question,
          topK: settings.knowledge.topK,
          hybrid: settings.knowledge.hybridSearch,
          maxContextTokens: settings.knowledge.maxContextTokens,
        }),
      ]);
      return {
        answer: answer.text,
        attemptedAnswer: answer.done.attemptedAnswer,
        verdict: {
          haveEnoughInformation: answer.done.haveEnoughInformation,
          outcome: answer.done.outcome,
        },
        answerability: answer.done.answerability ?? null,
        citations: answer.done.citations,
        retrieved: search.chunks,
        provider: answer.done.provider,
        model: answer.done.model,
        tookMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      if (error instanceof PlaygroundEngineException) throw error;
      throw new PlaygroundEngineException((error as Error).message);
    }
  }

  private async answer(
    request: Parameters<CoreAiClient['streamAnswer']>[0],
  ): Promise<{ text: string; done: AnswerDoneEvent }> {
    let text = '';
    for await (const event of this.coreAi.streamAnswer(request)) {
      if (event.type === 'error') throw new PlaygroundEngineException(event.message);
      if (event.type === 'delta') text += event.text;
      if (event.type === 'done') return { text, done: event };
    }
    throw new PlaygroundEngineException('the answer stream ended without its verdict');
  }
}
