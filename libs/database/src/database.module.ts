import { type DynamicModule, Module } from '@nestjs/common';
import { SequelizeModule } from '@nestjs/sequelize';
import type { ServiceConfig } from '@cxgenie/config';
import { sequelizeOptions } from './sequelize-options';

/** The PostgreSQL connection of a service; schema changes only ever come from migrations. */
@Module({})
export class DatabaseModule {
  static forRoot(db: ServiceConfig['database']): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [SequelizeModule.forRoot(sequelizeOptions(db))],
      exports: [SequelizeModule],
    };
  }
}
