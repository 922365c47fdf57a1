import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { ServiceConfig } from '@cxgenie/config';
import type { ServiceName } from '@cxgenie/contracts';
import type { PlatformOptions } from './platform.module';

/** How to build one service: used by its main.ts, by the tests and by the benchmarks alike. */
export interface ServiceEntry {
  name: ServiceName;
  rootModule(config: ServiceConfig, options: PlatformOptions): DynamicModule;
  /** HTTP setup beyond the platform's (API docs, WebSocket adapters), run before listening. */
  configure?(app: INestApplication, config: ServiceConfig): void | Promise<void>;
}
