import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';
import { AuthCoreModule } from './core-modules/auth/auth-core.module';
import { AuthModule } from './modules/auth/auth.module';
import { SystemModule } from './modules/system/system.module';

/** REST dashboard API, Socket.IO gateway and conversation workers. */
@Module({})
export class GatewayApiModule {
  static register(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: GatewayApiModule,
      imports: [
        PlatformModule.forService(config, options),
        AuthCoreModule,
        AuthModule,
        SystemModule,
      ],
    };
  }
}
