import { Inject, Injectable } from '@nestjs/common';
import {
  type AnalyticsFactRow,
  DEFAULT_PRICE_TABLE,
  type PriceTable,
  costOf,
} from '@cxgenie/analytics';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import {
  type AnalyticsFact,
  type FactOf,
  type LegacyAnalyticsEvent,
  type SentimentJudgement,
  isTypedFact,
} from '@cxgenie/contracts';
import { MessageSentimentStore } from '@cxgenie/conversations';
import { FactDimensions, type WorkspaceDims } from './fact-dimensions';
import { type FactContext, fromLegacy, toFactRow } from './fact-rows';
import { SentimentJudge } from './sentiment-judge';

/**
 * Turns published facts into rows: denormalised (zone, conversation, names), customer messages
 * judged for sentiment (and the judgement recorded on the message for the inbox), model usage
 * priced by the price table. Everything a fact needs from PostgreSQL is read here, once per
 * workspace and job.
 */
@Injectable()
export class FactEnricher {
  private readonly prices: PriceTable;

  constructor(
    private readonly dimensions: FactDimensions,
    private readonly sentiment: SentimentJudge,
    private readonly sentiments: MessageSentimentStore,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.prices = { ...DEFAULT_PRICE_TABLE, ...config.analytics.llmPrices };
  }

  async rows(
    events: readonly (AnalyticsFact | LegacyAnalyticsEvent)[],
  ): Promise<AnalyticsFactRow[]> {
    const byWorkspace = new Map<string, AnalyticsFact[]>();
    for (const event of events) {
      const fact = isTypedFact(event) ? event : fromLegacy(event);
      if (!fact) continue;
      const list = byWorkspace.get(fact.workspaceId) ?? [];
      list.push(fact);
      byWorkspace.set(fact.workspaceId, list);
    }
    const rows: AnalyticsFactRow[] = [];
    for (const [workspaceId, facts] of byWorkspace) {
      const dims = await this.dimensions.of(workspaceId, facts);
      const judged = await this.judge(workspaceId, facts, dims);
      for (const fact of facts) rows.push(toFactRow(fact, this.context(fact, dims, judged)));
    }
    return rows;
  }

  private async judge(
    workspaceId: string,
    facts: AnalyticsFact[],
    dims: WorkspaceDims,
  ): Promise<Map<string, SentimentJudgement>> {
    const received = facts.filter(
      (f): f is FactOf<'message.received'> => f.type === 'message.received',
    );
    if (received.length === 0) return new Map();
    const judged = await this.sentiment.judge(workspaceId, received, (fact) => {
      const botId = this.botIdOf(fact, dims);
      const bot = botId ? dims.bots.get(botId) : undefined;
      return botId && bot ? { id: botId, dims: bot } : null;
    });
    if (dims.scope) {
      await this.sentiments.record(
        dims.scope,
        received
          .filter((f) => f.messageId && f.conversationId && judged.has(f.id))
          .map((f) => ({
            messageId: f.messageId!,
            conversationId: f.conversationId!,
            score: judged.get(f.id)!.score,
          })),
      );
    }
    return judged;
  }

  private botIdOf(fact: AnalyticsFact, dims: WorkspaceDims): string {
    const conversation = fact.conversationId
      ? dims.conversations.get(fact.conversationId)
      : undefined;
    return fact.botId ?? conversation?.botId ?? '';
  }

  private context(
    fact: AnalyticsFact,
    dims: WorkspaceDims,
    judged: Map<string, SentimentJudgement>,
  ): FactContext {
    const conversation = fact.conversationId
      ? dims.conversations.get(fact.conversationId)
      : undefined;
    const botId = this.botIdOf(fact, dims);
    const customerId = fact.customerId ?? conversation?.customerId ?? '';
    const context: FactContext = {
      timeZone: dims.timeZone,
      botId,
      channelType: fact.channelType ?? conversation?.channelType ?? '',
      customerId,
      botName: dims.bots.get(botId)?.name ?? '',
      customerName: dims.customers.get(customerId) ?? '',
      agentName: fact.agentId ? (dims.agents.get(fact.agentId) ?? '') : '',
      sentiment: judged.get(fact.id),
    };
    if (fact.type === 'llm.usage') context.costUsd = costOf(this.prices, fact).costUsd;
    if (fact.type === 'embedding.usage')
      context.costUsd = costOf(this.prices, {
        ...fact,
        promptTokens: fact.tokens,
        completionTokens: 0,
      }).costUsd;
    return context;
  }
}
