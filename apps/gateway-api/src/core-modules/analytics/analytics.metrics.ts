import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import type { AnalyticsFactRow } from '@cxgenie/analytics';
import { MetricsService } from '@cxgenie/observability';

/**
 * Business metrics, counted where every service's facts meet: as the writer stores them, once
 * each (after the check for facts already stored). Per minute is a PromQL matter:
 * `rate(cxgenie_messages_total[5m]) * 60`. Queue depth per queue is the platform's
 * `bull_queue_jobs{queue,state}`.
 */
@Injectable()
export class AnalyticsMetrics {
  private readonly messages: Counter<'channel' | 'sender'>;
  private readonly answers: Counter<'outcome'>;
  private readonly handoffs: Counter<'reason'>;
  private readonly llmTokens: Counter<'provider' | 'model' | 'kind'>;
  private readonly embeddingTokens: Counter<'provider' | 'model'>;
  private readonly cost: Counter<'provider' | 'model'>;

  constructor(metrics: MetricsService) {
    this.messages = metrics.counter(
      'cxgenie_messages_total',
      'Messages processed, by channel and sender (customer, bot, agent)',
      ['channel', 'sender'],
    );
    this.answers = metrics.counter(
      'cxgenie_answers_total',
      "The bot's answers by outcome (answered, generated, fallback, silent)",
      ['outcome'],
    );
    this.handoffs = metrics.counter(
      'cxgenie_handoffs_total',
      'Conversations handed to a human, by reason',
      ['reason'],
    );
    this.llmTokens = metrics.counter(
      'cxgenie_llm_tokens_total',
      'Chat model tokens, by provider, model and kind (prompt, completion)',
      ['provider', 'model', 'kind'],
    );
    this.embeddingTokens = metrics.counter(
      'cxgenie_embedding_tokens_total',
      'Embedding tokens, by provider and model',
      ['provider', 'model'],
    );
    this.cost = metrics.counter(
      'cxgenie_model_cost_usd_total',
      'What chat and embedding models cost, in USD by the price table, by provider and model',
      ['provider', 'model'],
    );
  }

  count(rows: readonly AnalyticsFactRow[]): void {
    for (const row of rows) {
      switch (row.type) {
        case 'message.received':
        case 'message.sent':
        case 'message.answered':
          this.messages.inc({ channel: row.channel_type || 'unknown', sender: row.sender ?? '' });
          if (row.type === 'message.answered') this.answers.inc({ outcome: row.outcome ?? '' });
          break;
        case 'message.unanswered':
          this.answers.inc({ outcome: 'silent' });
          break;
        case 'handoff.requested':
          this.handoffs.inc({ reason: row.reason ?? '' });
          break;
        case 'llm.usage': {
          const labels = { provider: row.provider ?? '', model: row.model ?? '' };
          this.llmTokens.inc({ ...labels, kind: 'prompt' }, row.prompt_tokens ?? 0);
          this.llmTokens.inc({ ...labels, kind: 'completion' }, row.completion_tokens ?? 0);
          this.cost.inc(labels, row.cost_usd ?? 0);
          break;
        }
        case 'embedding.usage': {
          const labels = { provider: row.provider ?? '', model: row.model ?? '' };
          this.embeddingTokens.inc(labels, row.prompt_tokens ?? 0);
          this.cost.inc(labels, row.cost_usd ?? 0);
          break;
        }
      }
    }
  }
}
