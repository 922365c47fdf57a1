import { type DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@cxgenie/config';
import { createSequelize } from './connection.factory';
import { DATABASE } from './database.tokens';
import { DatabasePoolMetrics } from './database-pool.metrics';
import { EmailAddressClaims } from './tenancy/email-address-claims';
import { TenantConnections } from './tenancy/tenant-connections';
import { TenantRoutes } from './tenancy/tenant-routes';

/** The PostgreSQL connections of a service; schema changes only ever come from migrations. */
@Module({})
export class DatabaseModule {
  static forRoot(db: ServiceConfig['database']): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        { provide: DATABASE, useFactory: () => createSequelize(db) },
        TenantConnections,
        TenantRoutes,
        EmailAddressClaims,
        DatabasePoolMetrics,
      ],
      exports: [DATABASE, TenantConnections, TenantRoutes, EmailAddressClaims],
    };
  }
}
