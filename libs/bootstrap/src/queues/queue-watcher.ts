import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import Bull from 'bull';
import { MetricsService } from '@cxgenie/observability';

/**
 * Finds every Bull queue the service registered, wherever in the module tree, so each one gets
 * depth metrics and an error listener without its module remembering to ask.
 */
@Injectable()
export class QueueWatcher implements OnApplicationBootstrap {
  private readonly logger = new Logger('Queues');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof Bull)) continue;
      const queue = instance as Bull.Queue;
      // An 'error' event with no listener would crash the process when Redis goes away.
      queue.on('error', (error: Error) =>
        this.logger.warn(`queue ${queue.name}: ${error.message}`),
      );
      this.metrics.trackQueue(queue);
    }
  }
}
