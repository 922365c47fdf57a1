import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsService } from '@cxgenie/observability';

export type WebhookRejection = 'missing_signature' | 'invalid_signature';
export type WebhookOutcome = 'accepted' | 'duplicate' | 'status' | 'ignored' | 'malformed';
export type InboundDrop =
  | 'channel_inactive'
  | 'channel_without_bot'
  | 'channel_gone'
  | 'unreadable'
  /** Refused by the database every time it was tried: set aside as a dead letter. */
  | 'dead_lettered';
export type DeliveryOutcome = 'sent' | 'retry' | 'failed';

/** The integration's own counters, on the service's registry (served at /metrics). */
@Injectable()
export class ChannelMetrics {
  private readonly rejected: Counter<'platform' | 'reason'>;
  private readonly events: Counter<'platform' | 'outcome'>;
  private readonly dropped: Counter<'platform' | 'reason'>;
  private readonly deliveries: Counter<'platform' | 'outcome'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.rejected = new Counter({
      name: 'integration_webhook_rejected_total',
      help: 'Webhook deliveries refused before parsing: missing or wrong signature',
      labelNames: ['platform', 'reason'],
      registers,
    });
    this.events = new Counter({
      name: 'integration_webhook_events_total',
      help: 'What verified webhook deliveries contained, by outcome',
      labelNames: ['platform', 'outcome'],
      registers,
    });
    this.dropped = new Counter({
      name: 'integration_inbound_dropped_total',
      help: 'Customer messages that could not be accepted into a conversation (logged each)',
      labelNames: ['platform', 'reason'],
      registers,
    });
    this.deliveries = new Counter({
      name: 'integration_outbound_deliveries_total',
      help: 'Outbound delivery attempts by outcome',
      labelNames: ['platform', 'outcome'],
      registers,
    });
  }

  webhookRejected(platform: string, reason: WebhookRejection): void {
    this.rejected.inc({ platform, reason });
  }

  webhookEvents(platform: string, outcome: WebhookOutcome, count = 1): void {
    if (count > 0) this.events.inc({ platform, outcome }, count);
  }

  inboundDropped(platform: string, reason: InboundDrop, count = 1): void {
    if (count > 0) this.dropped.inc({ platform, reason }, count);
  }

  delivery(platform: string, outcome: DeliveryOutcome): void {
    this.deliveries.inc({ platform, outcome });
  }
}
