import { Inject, Injectable, Logger } from '@nestjs/common';
import { AnalyticsPublisher, lexiconSentiment, newFactId } from '@cxgenie/analytics';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import type { SentimentRequest, SentimentResponse } from '@cxgenie/contracts';
import { type ChatModel, emptyUsage } from '../llm/chat-model.port';
import { ChatModels } from '../llm/chat-models';
import { SENTIMENT_SYSTEM_PROMPT, parseSentimentScores, sentimentPrompt } from './sentiment-prompt';

/** Each score is a few characters; a generous cap still stops a model that rambles. */
const MAX_OUTPUT_TOKENS = 400;

/**
 * Sentiment by the bot's model: one call for a batch of messages, answered as a JSON array.
 * Without a key for the provider, or when the model fails or answers something unusable, the
 * lexicon judges instead (and says so). The call is usage like any other (`llm.usage`, purpose
 * `sentiment`).
 */
@Injectable()
export class SentimentService {
  private readonly logger = new Logger(SentimentService.name);

  constructor(
    private readonly models: ChatModels,
    private readonly analytics: AnalyticsPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async judge(request: SentimentRequest): Promise<SentimentResponse> {
    const chat = this.models.for(request.provider);
    const scores = chat ? await this.byModel(chat, request) : null;
    return {
      judgements: request.messages.map((message, i) =>
        scores
          ? { id: message.id, score: scores[i]!, source: 'llm' as const }
          : { id: message.id, score: lexiconSentiment(message.text), source: 'lexicon' as const },
      ),
    };
  }

  private async byModel(chat: ChatModel, request: SentimentRequest): Promise<number[] | null> {
    const usage = emptyUsage();
    const started = performance.now();
    let answer = '';
    try {
      for await (const delta of chat.stream(
        {
          model: request.model,
          system: SENTIMENT_SYSTEM_PROMPT,
          messages: sentimentPrompt(request.messages.map((m) => m.text)),
          temperature: 0,
          maxOutputTokens: Math.min(MAX_OUTPUT_TOKENS, this.config.ai.maxOutputTokens),
          usage,
        },
        AbortSignal.timeout(this.config.ai.firstTokenTimeoutMs + this.config.ai.idleTimeoutMs),
      ))
        answer += delta;
    } catch (error) {
      this.logger.warn(`sentiment by ${chat.provider} failed: ${(error as Error).message}`);
      return null;
    } finally {
      this.analytics.record({
        type: 'llm.usage',
        id: newFactId(),
        workspaceId: request.workspaceId,
        occurredAt: new Date().toISOString(),
        botId: request.botId,
        provider: chat.provider,
        model: request.model,
        purpose: 'sentiment',
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        latencyMs: Math.round(performance.now() - started),
      });
    }
    const scores = parseSentimentScores(answer, request.messages.length);
    if (!scores)
      this.logger.warn(
        `sentiment by ${chat.provider}: unusable answer ${JSON.stringify(answer.slice(0, 200))}`,
      );
    return scores;
  }
}
