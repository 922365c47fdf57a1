import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import type { AnalyticsFactRow } from '@cxgenie/analytics';
import { MetricsService } from '@cxgenie/observability';

type Labels = Record<string, string>;

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

  /** Counts a batch: summed per label set first, so a counter moves once per set, not per row. */
  count(rows: readonly AnalyticsFactRow[]): void {
    const sums = new Map<string, { counter: Counter<string>; labels: Labels; value: number }>();
    const add = (counter: Counter<string>, name: string, labels: Labels, value = 1) => {
      const key = `${name}\u0000${Object.values(labels).join('\u0000')}`;
      const sum = sums.get(key);
      if (sum) sum.value += value;
      else sums.set(key, { counter, labels, value });
    };
    for (const row of rows) {
      switch (row.type) {
        case 'message.received':
        case 'message.sent':
        case 'message.answered':
          add(this.messages, 'messages', {
            channel: row.channel_type || 'unknown',
            sender: row.sender ?? '',
          });
          if (row.type === 'message.answered')
            add(this.answers, 'answers', { outcome: row.outcome ?? '' });
          break;
        case 'message.unanswered':
          add(this.answers, 'answers', { outcome: 'silent' });
          break;
        case 'handoff.requested':
          add(this.handoffs, 'handoffs', { reason: row.reason ?? '' });
          break;
        case 'llm.usage': {
          const labels = { provider: row.provider ?? '', model: row.model ?? '' };
          add(this.llmTokens, 'llm', { ...labels, kind: 'prompt' }, row.prompt_tokens ?? 0);
          add(this.llmTokens, 'llm', { ...labels, kind: 'completion' }, row.completion_tokens ?? 0);
          add(this.cost, 'cost', labels, row.cost_usd ?? 0);
          break;
        }
        case 'embedding.usage': {
          const labels = { provider: row.provider ?? '', model: row.model ?? '' };
          add(this.embeddingTokens, 'embedding', labels, row.prompt_tokens ?? 0);
          add(this.cost, 'cost', labels, row.cost_usd ?? 0);
          break;
        }
      }
    }
    for (const { counter, labels, value } of sums.values()) counter.inc(labels, value);
  }
}
