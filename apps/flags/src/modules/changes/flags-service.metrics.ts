import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '@cxgenie/observability';
import { FlagEvaluator } from '../../core-modules/launchdarkly/flag-evaluator';
import { FlagChangeClock } from './flag-change.clock';

/**
 * The flags service's own figures; the cache figures (hit ratio, calls saved) are each client's,
 * on the metrics of the service it runs in.
 */
@Injectable()
export class FlagsServiceMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly evaluator: FlagEvaluator,
    private readonly clock: FlagChangeClock,
  ) {}

  onModuleInit(): void {
    const { evaluator, clock } = this;
    const registers = [this.metrics.registry];
    new Counter({
      name: 'flags_sdk_evaluations_total',
      help: 'Evaluations by the LaunchDarkly SDK (cache misses of the services, pushes), by flag',
      labelNames: ['flag'],
      registers,
      collect() {
        this.reset();
        for (const [flag, count] of evaluator.counts) this.inc({ flag }, count);
      },
    });
    new Counter({
      name: 'flags_changes_total',
      help: 'Flag changes applied (cache dropped, services told)',
      registers,
      collect() {
        this.reset();
        this.inc(clock.changes);
      },
    });
    new Counter({
      name: 'flags_socket_pushes_total',
      help: 'flag.changed events sent to dashboard and agent console sockets',
      registers,
      collect() {
        this.reset();
        this.inc(clock.pushes);
      },
    });
    new Gauge({
      name: 'flags_seconds_since_last_change',
      help: 'Seconds since the SDK last reported a flag change (-1: none since start)',
      registers,
      collect() {
        this.set(clock.lastChangeAt === null ? -1 : (Date.now() - clock.lastChangeAt) / 1000);
      },
    });
    new Gauge({
      name: 'flags_launchdarkly_initialized',
      help: '1 when the SDK has its flags (from LaunchDarkly or the file), else 0',
      registers,
      collect() {
        this.set(evaluator.initialized() ? 1 : 0);
      },
    });
  }
}
