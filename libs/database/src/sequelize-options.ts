import type { SequelizeModuleOptions } from '@nestjs/sequelize';
import type { ServiceConfig } from '@cxgenie/config';

interface ConnectionParts {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
}

const partsOf = (url: string): ConnectionParts => {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    username: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, ''),
  };
};

/**
 * Writes always go to the primary; with a replica configured, Sequelize sends plain SELECTs
 * outside transactions to it.
 */
export function sequelizeOptions(db: ServiceConfig['database']): SequelizeModuleOptions {
  const primary = partsOf(db.url);
  const replication = db.replicaUrl
    ? { replication: { write: primary, read: [partsOf(db.replicaUrl)] } }
    : primary;
  return {
    dialect: 'postgres',
    ...replication,
    pool: { max: db.poolMax, min: 0, acquire: db.acquireTimeoutMs, idle: 10_000, evict: 5_000 },
    logging: false,
    autoLoadModels: true,
    synchronize: false,
    define: { underscored: true, timestamps: true },
  };
}
