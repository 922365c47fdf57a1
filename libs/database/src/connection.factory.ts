import { type Options, Sequelize } from 'sequelize';

export interface ConnectionSettings {
  url: string;
  replicaUrl?: string | null;
  poolMax: number;
  acquireTimeoutMs: number;
}

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

/** The same server, another database: how dedicated-mode tenants are addressed. */
export const withDatabaseName = (url: string, database: string): string => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/**
 * Writes always go to the primary. With a replica configured, Sequelize sends SELECTs issued
 * outside a transaction (lists, reports) to the replica.
 */
export function createSequelize(settings: ConnectionSettings): Sequelize {
  const options: Options = {
    dialect: 'postgres',
    logging: false,
    pool: {
      max: settings.poolMax,
      min: 0,
      acquire: settings.acquireTimeoutMs,
      idle: 10_000,
      evict: 5_000,
    },
    define: { underscored: true, timestamps: true },
  };
  if (!settings.replicaUrl) return new Sequelize(settings.url, options);
  return new Sequelize({
    ...options,
    replication: { write: partsOf(settings.url), read: [partsOf(settings.replicaUrl)] },
  });
}
