import { Global, Injectable, Module } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '@cxgenie/observability';
import {
  type FromInboundThread,
  receivingThreadPort,
} from '../inbound-thread/inbound-thread-messages';

export type InboundOutcome =
  | 'accepted'
  | 'auto_reply'
  | 'duplicate'
  | 'bounce'
  | 'ignored'
  | 'rejected'
  | 'deferred';
export type DeliveryOutcome = 'sent' | 'retry' | 'failed';

/** The email service's own metrics, on the service's registry (served at /metrics). */
@Injectable()
export class EmailMetrics {
  private readonly inbound: Counter<'via' | 'outcome'>;
  private readonly smtpData: Histogram<'outcome'>;
  private readonly deliveries: Counter<'outcome'>;
  private readonly readerUp: Gauge;
  private readonly readerRestarts: Counter;
  // The inbound thread has no /metrics of its own: what it reads is counted where it is served.
  private readonly forward = receivingThreadPort();

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.inbound = new Counter({
      name: 'email_inbound_total',
      help: 'Mail received, by the way it came in and what became of it',
      labelNames: ['via', 'outcome'],
      registers,
    });
    this.smtpData = new Histogram({
      name: 'email_smtp_data_seconds',
      help: 'From the end of DATA to the reply: the mail stored and queued (250), or refused',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.deliveries = new Counter({
      name: 'email_outbound_deliveries_total',
      help: 'Outbound mail attempts by outcome',
      labelNames: ['outcome'],
      registers,
    });
    // A reader thread that keeps dying leaves the receiver answering 250 while nothing is read:
    // only these show it (ADR 0047).
    this.readerUp = new Gauge({
      name: 'email_inbound_reader_up',
      help: '1 while the email.inbound reader thread is running, else 0',
      registers,
    });
    this.readerRestarts = new Counter({
      name: 'email_inbound_reader_restarts_total',
      help: 'Times the email.inbound reader thread ended unasked and was started again',
      registers,
    });
  }

  readerRunning(running: boolean): void {
    this.readerUp.set(running ? 1 : 0);
  }

  readerRestarted(): void {
    this.readerRestarts.inc();
  }

  received(via: string, outcome: InboundOutcome): void {
    if (this.forward)
      this.forward.postMessage({ kind: 'received', via, outcome } satisfies FromInboundThread);
    else this.inbound.inc({ via, outcome });
  }

  smtpDataSeconds(outcome: 'accepted' | 'rejected' | 'deferred', seconds: number): void {
    this.smtpData.observe({ outcome }, seconds);
  }

  delivery(outcome: DeliveryOutcome): void {
    this.deliveries.inc({ outcome });
  }
}

@Global()
@Module({ providers: [EmailMetrics], exports: [EmailMetrics] })
export class EmailMetricsModule {}
