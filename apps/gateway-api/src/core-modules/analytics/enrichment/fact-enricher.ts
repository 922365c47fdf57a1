import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_PRICE_TABLE,
  type ModelPrice,
  type PriceTable,
  costAt,
  priceOf,
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
import { EncodedFacts, EncodedFactsBuilder } from './encoded-facts';
import { FactDimensions, type WorkspaceDims } from './fact-dimensions';
import { factLine } from './fact-line';
import { type FactContext, fromLegacy } from './fact-rows';
import { SentimentJudge } from './sentiment-judge';

/** Prices by provider and model, found once each: the table's prefix search is not per fact. */
const MAX_PRICED_MODELS = 1_000;

/**
 * Turns published facts into rows: denormalised (zone, conversation, names), customer messages
 * judged for sentiment (and the judgement recorded on the message for the inbox), model usage
 * priced by the price table. Everything a fact needs from PostgreSQL is read here, once per
 * workspace and job. Each row is serialised as soon as it is known (ADR 0048).
 */
@Injectable()
export class FactEnricher {
  private readonly prices: PriceTable;
  private readonly priced = new Map<string, Map<string, ModelPrice | null>>();
  private pricedModels = 0;

  constructor(
    private readonly dimensions: FactDimensions,
    private readonly sentiment: SentimentJudge,
    private readonly sentiments: MessageSentimentStore,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.prices = { ...DEFAULT_PRICE_TABLE, ...config.analytics.llmPrices };
  }

  async encode(events: readonly (AnalyticsFact | LegacyAnalyticsEvent)[]): Promise<EncodedFacts> {
    const byWorkspace = new Map<string, AnalyticsFact[]>();
    for (const event of events) {
      const fact = isTypedFact(event) ? event : fromLegacy(event);
      if (!fact) continue;
      const list = byWorkspace.get(fact.workspaceId);
      if (list) list.push(fact);
      else byWorkspace.set(fact.workspaceId, [fact]);
    }
    const encoded = new EncodedFactsBuilder(events.length);
    // One context, refilled per fact: factLine reads it at once and keeps nothing of it.
    const ctx: FactContext = {
      timeZone: 'UTC',
      botId: '',
      channelType: '',
      customerId: '',
      botName: '',
      customerName: '',
      agentName: '',
    };
    for (const [workspaceId, facts] of byWorkspace) {
      const dims = await this.dimensions.of(workspaceId, facts);
      const judged = await this.judge(workspaceId, facts, dims);
      for (const fact of facts) {
        this.fill(ctx, fact, dims, judged);
        const parsed = Date.parse(fact.occurredAt);
        const at = Number.isNaN(parsed) ? Date.now() : parsed;
        encoded.push(fact, factLine(fact, ctx, at), at, ctx.channelType, ctx.costUsd ?? 0);
      }
    }
    return encoded.build();
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

  private fill(
    ctx: FactContext,
    fact: AnalyticsFact,
    dims: WorkspaceDims,
    judged: Map<string, SentimentJudgement>,
  ): void {
    const conversation = fact.conversationId
      ? dims.conversations.get(fact.conversationId)
      : undefined;
    const botId = fact.botId ?? conversation?.botId ?? '';
    const customerId = fact.customerId ?? conversation?.customerId ?? '';
    ctx.timeZone = dims.timeZone;
    ctx.botId = botId;
    ctx.channelType = fact.channelType ?? conversation?.channelType ?? '';
    ctx.customerId = customerId;
    ctx.botName = dims.bots.get(botId)?.name ?? '';
    ctx.customerName = dims.customers.get(customerId) ?? '';
    ctx.agentName = fact.agentId ? (dims.agents.get(fact.agentId) ?? '') : '';
    ctx.sentiment = fact.type === 'message.received' ? judged.get(fact.id) : undefined;
    ctx.costUsd = undefined;
    if (fact.type === 'llm.usage') {
      const price = this.priceOf(fact.provider, fact.model);
      ctx.costUsd = price ? costAt(price, fact.promptTokens, fact.completionTokens) : 0;
    } else if (fact.type === 'embedding.usage') {
      const price = this.priceOf(fact.provider, fact.model);
      ctx.costUsd = price ? costAt(price, fact.tokens, 0) : 0;
    }
  }

  private priceOf(provider: string, model: string): ModelPrice | null {
    let models = this.priced.get(provider);
    if (!models) this.priced.set(provider, (models = new Map()));
    let price = models.get(model);
    if (price === undefined) {
      if (++this.pricedModels > MAX_PRICED_MODELS) {
        this.priced.clear();
        this.pricedModels = 1;
        this.priced.set(provider, (models = new Map()));
      }
      price = priceOf(this.prices, provider, model);
      models.set(model, price);
    }
    return price;
  }
}
