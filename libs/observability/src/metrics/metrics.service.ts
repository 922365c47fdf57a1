import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused'] as const;

/**
 * One registry per service instance (not prom-client's global one), so several services can be
 * booted in one process by the tests without clashing metric names.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly jobDuration: Histogram<'queue' | 'outcome'>;
  private readonly jobsTotal: Counter<'queue' | 'outcome'>;
  /** Promise rejections nobody handled; the process logs them and keeps serving. */
  readonly unhandledRejections: Counter;
  /** Customer messages left for an agent because the workspace spent its daily answers. */
  readonly budgetRefusals: Counter;
  private readonly queues = new Map<string, Queue>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.httpRequestDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.jobDuration = new Histogram({
      name: 'queue_job_duration_seconds',
      help: 'Time this instance spent on each queue job, by outcome',
      labelNames: ['queue', 'outcome'],
      buckets: [0.005, 0.025, 0.1, 0.5, 1, 2.5, 5, 15, 60],
      registers: [this.registry],
    });
    this.jobsTotal = new Counter({
      name: 'queue_jobs_total',
      help: 'Queue jobs this instance processed, by outcome',
      labelNames: ['queue', 'outcome'],
      registers: [this.registry],
    });
    this.unhandledRejections = new Counter({
      name: 'unhandled_rejections_total',
      help: 'Promise rejections nobody handled (logged; the process kept running)',
      registers: [this.registry],
    });
    this.budgetRefusals = new Counter({
      name: 'daily_budget_refusals_total',
      help: "Messages the bot did not answer because the workspace's daily answers were spent",
      registers: [this.registry],
    });
    const queues = this.queues;
    new Gauge({
      name: 'bull_queue_jobs',
      help: 'Jobs in each Bull queue by state, read from Redis at scrape time',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        await Promise.all(
          [...queues.values()].map(async (queue) => {
            const counts = await queue.getJobCounts().catch(() => null);
            const paused = await queue.getPausedCount().catch(() => 0);
            if (!counts) return;
            const byState = { ...counts, paused } as Record<(typeof JOB_STATES)[number], number>;
            for (const state of JOB_STATES)
              this.set({ queue: queue.name, state }, byState[state] ?? 0);
          }),
        );
      },
    });
    new Gauge({
      name: 'bull_queue_oldest_job_age_seconds',
      help: 'Age of the oldest waiting job (since queued) and of the oldest active job (since started)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        await Promise.all(
          [...queues.values()].map(async (queue) => {
            const ages = await MetricsService.oldestAges(queue).catch(() => null);
            if (!ages) return;
            this.set({ queue: queue.name, state: 'waiting' }, ages.waiting);
            this.set({ queue: queue.name, state: 'active' }, ages.active);
          }),
        );
      },
    });
  }

  /** Starts timing a job; call the result with its outcome when it ends. */
  startJob(queue: string): (outcome: 'completed' | 'failed') => void {
    const end = this.jobDuration.startTimer({ queue });
    return (outcome) => {
      end({ outcome });
      this.jobsTotal.inc({ queue, outcome });
    };
  }

  /**
   * A counter of the service's own (business metrics beside the platform's), on this instance's
   * registry. Asking twice for one name returns the same counter.
   */
  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Counter<L>;
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  trackQueue(queue: Queue): void {
    this.queues.set(queue.name, queue);
  }

  /** Seconds since the oldest waiting job was queued and the oldest active job started. */
  private static async oldestAges(queue: Queue): Promise<{ waiting: number; active: number }> {
    const now = Date.now();
    // Bull lists waiting jobs oldest first (it reads the wait list from the end workers pop).
    const [oldestWaiting] = await queue.getWaiting(0, 0);
    const active = await queue.getActive(0, 100);
    const startedAt = active.map((job) => job.processedOn ?? job.timestamp).filter(Boolean);
    return {
      waiting: oldestWaiting ? Math.max(0, (now - oldestWaiting.timestamp) / 1000) : 0,
      active: startedAt.length ? Math.max(0, (now - Math.min(...startedAt)) / 1000) : 0,
    };
  }

  async render(): Promise<string> {
    return this.registry.metrics();
  }
}
