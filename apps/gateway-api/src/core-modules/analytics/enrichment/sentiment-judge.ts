import { Inject, Injectable, Logger } from '@nestjs/common';
import { lexiconSentiment } from '@cxgenie/analytics';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import {
  type FactOf,
  SENTIMENT_MAX_CHARS,
  SENTIMENT_MAX_MESSAGES,
  type SentimentJudgement,
} from '@cxgenie/contracts';
import { CoreAiClient } from '../../core-ai/core-ai.client';
import type { BotDims } from './fact-dimensions';

type Received = FactOf<'message.received'>;

/**
 * The sentiment of customer messages, judged once, when their facts are written: by the bot's
 * model (through core-ai) when its provider has a key in this deployment, otherwise, or when the
 * model fails, by the lexicon, here and now. Judging costs the chat path nothing: it happens in
 * the analytics worker, a batch at a time.
 */
@Injectable()
export class SentimentJudge {
  private readonly logger = new Logger(SentimentJudge.name);
  private readonly keyed: ReadonlySet<string>;

  constructor(
    private readonly coreAi: CoreAiClient,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.keyed = new Set([
      ...(config.ai.openai.apiKey ? ['openai'] : []),
      ...(config.ai.anthropic.apiKey ? ['anthropic'] : []),
    ]);
  }

  async judge(
    workspaceId: string,
    facts: readonly Received[],
    botOf: (fact: Received) => { id: string; dims: BotDims } | null,
  ): Promise<Map<string, SentimentJudgement>> {
    const judged = new Map<string, SentimentJudgement>();
    const byModel = new Map<string, { botId: string; dims: BotDims; facts: Received[] }>();
    for (const fact of facts) {
      const bot = botOf(fact);
      if (!bot || !this.keyed.has(bot.dims.llmProvider)) {
        judged.set(fact.id, { id: fact.id, score: lexiconSentiment(fact.text), source: 'lexicon' });
        continue;
      }
      const key = `${bot.id}|${bot.dims.llmProvider}|${bot.dims.llmModel}`;
      const group = byModel.get(key) ?? { botId: bot.id, dims: bot.dims, facts: [] };
      group.facts.push(fact);
      byModel.set(key, group);
    }
    for (const { botId, dims, facts: group } of byModel.values()) {
      for (let i = 0; i < group.length; i += SENTIMENT_MAX_MESSAGES) {
        const slice = group.slice(i, i + SENTIMENT_MAX_MESSAGES);
        for (const judgement of await this.byModel(workspaceId, botId, dims, slice))
          judged.set(judgement.id, judgement);
      }
    }
    return judged;
  }

  private async byModel(
    workspaceId: string,
    botId: string,
    dims: BotDims,
    facts: Received[],
  ): Promise<SentimentJudgement[]> {
    try {
      const { judgements } = await this.coreAi.sentiment({
        workspaceId,
        botId,
        provider: dims.llmProvider,
        model: dims.llmModel,
        messages: facts.map((f) => ({ id: f.id, text: f.text.slice(0, SENTIMENT_MAX_CHARS) })),
      });
      const byId = new Map(judgements.map((j) => [j.id, j]));
      return facts.map(
        (f) => byId.get(f.id) ?? { id: f.id, score: lexiconSentiment(f.text), source: 'lexicon' },
      );
    } catch (error) {
      this.logger.warn(
        `sentiment of ${facts.length} messages by the lexicon: core-ai failed (${(error as Error).message})`,
      );
      return facts.map((f) => ({ id: f.id, score: lexiconSentiment(f.text), source: 'lexicon' }));
    }
  }
}
