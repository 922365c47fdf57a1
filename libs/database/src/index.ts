export * from './database.module';
export * from './sequelize-options';
export * from './postgres-readiness.check';
export * from './migrator';
export * from './migrations/migration';
