import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';

/** Human handoff, tickets, assignment and agent availability. */
@Module({})
export class TicketModule {
  static register(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: TicketModule,
      imports: [PlatformModule.forService(config, options)],
    };
  }
}
