import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { DEFAULT_PRICE_TABLE, type PriceTable, priceOf } from '@cxgenie/analytics';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { MetricsService } from '@cxgenie/observability';

export type LlmOutcome = 'ok' | 'error' | 'aborted';

/** What the operators' LLM dashboard reads: latency, first token, tokens and their cost. */
@Injectable()
export class LlmMetrics {
  readonly duration: Histogram<'provider' | 'model' | 'outcome'>;
  readonly firstToken: Histogram<'provider' | 'model'>;
  readonly tokens: Counter<'provider' | 'model' | 'kind'>;
  readonly cost: Counter<'provider' | 'model'>;
  /** The same prices the analytics usage facts are costed with. */
  private readonly prices: PriceTable;

  constructor(metrics: MetricsService, @Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.prices = { ...DEFAULT_PRICE_TABLE, ...config.analytics.llmPrices };
    const registers = [metrics.registry];
    this.duration = new Histogram({
      name: 'llm_request_duration_seconds',
      help: 'A streamed LLM answer from request to its last token, by provider, model and outcome',
      labelNames: ['provider', 'model', 'outcome'],
      buckets: [0.25, 0.5, 1, 2, 3, 5, 8, 13, 21, 34, 60],
      registers,
    });
    this.firstToken = new Histogram({
      name: 'llm_time_to_first_token_seconds',
      help: 'Time until the first streamed token of an LLM answer',
      labelNames: ['provider', 'model'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30],
      registers,
    });
    this.tokens = new Counter({
      name: 'llm_tokens_total',
      help: 'Tokens sent to (input) and streamed by (output) LLMs, counted with cl100k',
      labelNames: ['provider', 'model', 'kind'],
      registers,
    });
    this.cost = new Counter({
      name: 'llm_cost_usd_total',
      help: 'Estimated LLM spend in USD, from token counts and LLM_PRICES',
      labelNames: ['provider', 'model'],
      registers,
    });
  }

  record(call: {
    provider: string;
    model: string;
    outcome: LlmOutcome;
    seconds: number;
    firstTokenSeconds: number | null;
    inputTokens: number;
    outputTokens: number;
  }): void {
    const { provider, model } = call;
    this.duration.observe({ provider, model, outcome: call.outcome }, call.seconds);
    if (call.firstTokenSeconds !== null)
      this.firstToken.observe({ provider, model }, call.firstTokenSeconds);
    this.tokens.inc({ provider, model, kind: 'input' }, call.inputTokens);
    this.tokens.inc({ provider, model, kind: 'output' }, call.outputTokens);
    const price = priceOf(this.prices, provider, model);
    if (price) {
      const usd = (call.inputTokens * price.input + call.outputTokens * price.output) / 1_000_000;
      this.cost.inc({ provider, model }, usd);
    }
  }
}
