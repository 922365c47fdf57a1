import { BullModule } from '@nestjs/bull';
import { type DynamicModule, Module } from '@nestjs/common';
import { QUEUE_OPTIONS, type QueueName } from '@cxgenie/contracts';

/**
 * The queues a service produces to or consumes from, each registered once per process with the
 * options `QUEUE_OPTIONS` declares for it, and visible to every module of the service.
 */
@Module({})
export class QueuesModule {
  static register(names: readonly QueueName[]): DynamicModule {
    const queues = BullModule.registerQueue(
      ...[...new Set(names)].map((name) => ({ name, ...QUEUE_OPTIONS[name] })),
    );
    return { module: QueuesModule, global: true, imports: [queues], exports: [queues] };
  }
}
