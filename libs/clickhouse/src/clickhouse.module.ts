import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import { type ClickHouseTarget, createClickHouseClient } from './clickhouse-client.factory';

export const CLICKHOUSE_CLIENT = Symbol('CLICKHOUSE_CLIENT');

@Module({})
export class ClickHouseModule implements OnApplicationShutdown {
  constructor(@Inject(CLICKHOUSE_CLIENT) private readonly client: ClickHouseClient) {}

  static forRoot(target: ClickHouseTarget): DynamicModule {
    return {
      module: ClickHouseModule,
      global: true,
      providers: [{ provide: CLICKHOUSE_CLIENT, useFactory: () => createClickHouseClient(target) }],
      exports: [CLICKHOUSE_CLIENT],
    };
  }

  /** Closing releases the embedded data directory for the next owner. */
  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
