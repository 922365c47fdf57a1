import { Injectable, Logger } from '@nestjs/common';
import { AnalyticsPublisher, newFactId } from '@cxgenie/analytics';
import type {
  AnswerRequest,
  AnswerStreamEvent,
  KnowledgeCitation,
  RetrievedChunk,
} from '@cxgenie/contracts';
import { emptyUsage } from '../llm/chat-model.port';
import { countTokens } from '@cxgenie/text-processing';
import { ANSWER_PROMPT_VERSION } from '../prompts/answer-prompt';
import { RetrievalService } from '../retrieval/retrieval.service';
import { resolveRetrievalSettings } from '../retrieval/retrieval-settings';
import { decidePolicy } from './answer-policy';
import { AnswerGenerators } from './answer-generators';

/** A fallback message that a bot owner left empty still has to say something. */
const DEFAULT_FALLBACK =
  "I'm not sure about that one. A member of our team will get back to you shortly.";

/** `openai/text-embedding-3-large` → provider and model. */
const splitSpace = (model: string): { provider: string; model: string } => {
  const [provider, ...rest] = model.split('/');
  return { provider: provider ?? '', model: rest.join('/') };
};

export const toCitation = (chunk: RetrievedChunk): KnowledgeCitation => ({
  partition: chunk.partition,
  sourceId: chunk.sourceId,
  documentId: chunk.documentId,
  chunkId: chunk.chunkId,
  title: chunk.title,
  position: chunk.position,
  score: chunk.score,
});

/**
 * Answers one customer question: retrieves the bot's knowledge, lets the bot's provider write an
 * answer with its verdict first, and applies the bot's unknown-answer policy while streaming, so
 * that a NO answer under NO_REPLY or INPUT_ANSWER never leaves this service.
 */
@Injectable()
export class AnswerService {
  private readonly logger = new Logger(AnswerService.name);

  constructor(
    private readonly retrieval: RetrievalService,
    private readonly generators: AnswerGenerators,
    private readonly analytics: AnalyticsPublisher,
  ) {}

  async *answer(request: AnswerRequest, signal: AbortSignal): AsyncGenerator<AnswerStreamEvent> {
    const settings = resolveRetrievalSettings(request.bot.knowledge);
    const { chunks, embedding } = await this.retrieval.retrieve(
      { workspaceId: request.workspaceId, botId: request.botId },
      request.question,
      settings,
    );
    this.recordQuestionEmbedding(request, embedding);
    const generator = this.generators.for(request.bot.llmProvider, request.bot.llmModel);
    let enough = false;
    let decision = decidePolicy(false, request.bot.typeReplyUnknown);
    let attempted = '';
    const usage = emptyUsage();
    const started = performance.now();
    for await (const part of generator.generate(request, chunks, signal, usage)) {
      if (part.kind === 'verdict') {
        enough = part.enough;
        decision = decidePolicy(enough, request.bot.typeReplyUnknown);
        continue;
      }
      attempted += part.text;
      if (decision.streamAnswer) yield { type: 'delta', text: part.text };
    }
    this.analytics.record({
      type: 'llm.usage',
      id: newFactId(),
      workspaceId: request.workspaceId,
      occurredAt: new Date().toISOString(),
      conversationId: request.conversationId,
      messageId: request.messageId,
      botId: request.botId,
      customerId: request.customerId ?? null,
      provider: generator.provider,
      model: generator.model,
      purpose: 'answer',
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      latencyMs: Math.round(performance.now() - started),
    });
    if (signal.aborted) return;
    if (decision.replacement === 'fallback') {
      yield { type: 'delta', text: request.bot.fallbackMessage.trim() || DEFAULT_FALLBACK };
    }
    if (!enough) {
      this.logger.log(
        `not enough information for message ${request.messageId}: ${decision.outcome}`,
      );
    }
    yield {
      type: 'done',
      haveEnoughInformation: enough,
      outcome: decision.outcome,
      provider: generator.provider,
      model: generator.model,
      promptVersion: ANSWER_PROMPT_VERSION,
      citations: chunks.map(toCitation),
      attemptedAnswer: enough ? null : attempted,
    };
  }

  /** The question's embedding, as usage (counted even when the cache had it: a small overcount). */
  private recordQuestionEmbedding(
    request: AnswerRequest,
    embedding: { model: string; ms: number },
  ): void {
    this.analytics.record({
      type: 'embedding.usage',
      id: newFactId(),
      workspaceId: request.workspaceId,
      occurredAt: new Date().toISOString(),
      conversationId: request.conversationId,
      messageId: request.messageId,
      botId: request.botId,
      customerId: request.customerId ?? null,
      ...splitSpace(embedding.model),
      purpose: 'question',
      texts: 1,
      tokens: countTokens(request.question),
      latencyMs: embedding.ms,
    });
  }
}
