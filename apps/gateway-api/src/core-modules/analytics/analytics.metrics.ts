import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import type { AnalyticsFactRow } from '@cxgenie/analytics';
import type { AnalyticsFact } from '@cxgenie/contracts';
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

  /** Moves the counters by what a tally summed (once per label set, not once per fact). */
  record(tally: FactTally): void {
    for (const { counter, labels, value } of tally.sums())
      (this[counter] as Counter<string>).inc(labels, value);
  }
}

type MetricName = 'messages' | 'answers' | 'handoffs' | 'llmTokens' | 'embeddingTokens' | 'cost';
interface Sum {
  counter: MetricName;
  labels: Labels;
  value: number;
}

const SENDER: Partial<Record<string, string>> = {
  'message.received': 'customer',
  'message.sent': 'agent',
  'message.answered': 'bot',
};
const int = (n: number) => Math.max(0, Math.round(Number.isFinite(n) ? n : 0));

/**
 * The business metrics of stored facts, summed per label set: a key string per fact, no label
 * object. Counted from a fact as it is encoded (`add`), or from a stored row (`addRow`) when only
 * some of a job's facts are stored; both read the values the row carries.
 */
export class FactTally {
  private readonly byKey = new Map<string, Sum>();

  add(fact: AnalyticsFact, channel: string, costUsd: number): void {
    switch (fact.type) {
      case 'message.received':
      case 'message.sent':
        return this.addValues(fact.type, channel, undefined, undefined, '', '', 0, 0, 0);
      case 'message.answered':
        return this.addValues(fact.type, channel, fact.outcome, undefined, '', '', 0, 0, 0);
      case 'message.unanswered':
        return this.addValues(fact.type, channel, 'silent', undefined, '', '', 0, 0, 0);
      case 'handoff.requested':
        return this.addValues(fact.type, channel, undefined, fact.reason, '', '', 0, 0, 0);
      case 'llm.usage':
        return this.addValues(
          fact.type,
          channel,
          undefined,
          undefined,
          fact.provider,
          fact.model,
          int(fact.promptTokens),
          int(fact.completionTokens),
          costUsd,
        );
      case 'embedding.usage':
        return this.addValues(
          fact.type,
          channel,
          undefined,
          undefined,
          fact.provider,
          fact.model,
          int(fact.tokens),
          0,
          costUsd,
        );
    }
  }

  addRow(row: AnalyticsFactRow): void {
    this.addValues(
      row.type,
      row.channel_type ?? '',
      row.outcome,
      row.reason,
      row.provider,
      row.model,
      row.prompt_tokens ?? 0,
      row.completion_tokens ?? 0,
      row.cost_usd ?? 0,
    );
  }

  merge(other: FactTally): void {
    for (const [key, { counter, labels, value }] of other.byKey)
      if (!this.bump(key, value)) this.byKey.set(key, { counter, labels, value });
  }

  sums(): Iterable<Sum> {
    return this.byKey.values();
  }

  private addValues(
    type: string,
    channel: string,
    outcome: string | undefined,
    reason: string | undefined,
    provider: string | undefined,
    model: string | undefined,
    promptTokens: number,
    completionTokens: number,
    costUsd: number,
  ): void {
    switch (type) {
      case 'message.received':
      case 'message.sent':
      case 'message.answered': {
        const sender = SENDER[type]!;
        const ch = channel || 'unknown';
        const key = `m\u0000${ch}\u0000${sender}`;
        if (!this.bump(key, 1)) this.start('messages', key, { channel: ch, sender }, 1);
        if (type === 'message.answered') this.count('answers', 'outcome', outcome);
        break;
      }
      case 'message.unanswered':
        this.count('answers', 'outcome', 'silent');
        break;
      case 'handoff.requested':
        this.count('handoffs', 'reason', reason);
        break;
      case 'llm.usage': {
        const labels = this.models(provider, model);
        const key = `${labels.provider}\u0000${labels.model}`;
        if (!this.bump(`lp\u0000${key}`, promptTokens))
          this.start('llmTokens', `lp\u0000${key}`, { ...labels, kind: 'prompt' }, promptTokens);
        if (!this.bump(`lc\u0000${key}`, completionTokens)) {
          const completion = { ...labels, kind: 'completion' };
          this.start('llmTokens', `lc\u0000${key}`, completion, completionTokens);
        }
        if (!this.bump(`c\u0000${key}`, costUsd))
          this.start('cost', `c\u0000${key}`, labels, costUsd);
        break;
      }
      case 'embedding.usage': {
        const labels = this.models(provider, model);
        const key = `${labels.provider}\u0000${labels.model}`;
        if (!this.bump(`e\u0000${key}`, promptTokens))
          this.start('embeddingTokens', `e\u0000${key}`, labels, promptTokens);
        if (!this.bump(`c\u0000${key}`, costUsd))
          this.start('cost', `c\u0000${key}`, labels, costUsd);
        break;
      }
    }
  }

  private models(provider: string | undefined, model: string | undefined) {
    return { provider: provider ?? '', model: model ?? '' };
  }

  /** One more of a counter with a single label. */
  private count(counter: MetricName, label: string, value: string | undefined): void {
    const key = `${counter}\u0000${value ?? ''}`;
    if (!this.bump(key, 1)) this.start(counter, key, { [label]: value ?? '' }, 1);
  }

  /** Adds to a known label set; false when `key` is new (the caller then names its labels). */
  private bump(key: string, value: number): boolean {
    const sum = this.byKey.get(key);
    if (!sum) return false;
    sum.value += value;
    return true;
  }

  private start(counter: MetricName, key: string, labels: Labels, value: number): void {
    this.byKey.set(key, { counter, labels, value });
  }
}
