/** The seven deployable services. Everything that addresses a service by name uses this list. */
export const SERVICE_NAMES = [
  'gateway-api',
  'core-ai',
  'email',
  'integration',
  'flags',
  'loader',
  'ticket',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export const DEFAULT_SERVICE_PORTS: Readonly<Record<ServiceName, number>> = {
  'gateway-api': 3000,
  'core-ai': 3001,
  email: 3002,
  integration: 3003,
  flags: 3004,
  loader: 3005,
  ticket: 3006,
};

const envPrefix = (service: ServiceName): string => service.toUpperCase().replace(/-/g, '_');

/** `GATEWAY_API_PORT`, `CORE_AI_PORT`, … */
export const servicePortEnvVar = (service: ServiceName): string => `${envPrefix(service)}_PORT`;

/** `GATEWAY_API_URL`, `CORE_AI_URL`, …: where the other services reach this one. */
export const serviceUrlEnvVar = (service: ServiceName): string => `${envPrefix(service)}_URL`;

export const isServiceName = (value: string): value is ServiceName =>
  (SERVICE_NAMES as readonly string[]).includes(value);

/** What each service needs from the platform; its readiness checks follow from it. */
export interface ServiceTopology {
  /** Connects to PostgreSQL and reports it in `/health/ready`. */
  postgres: boolean;
  /** Runs Bull workers: consumes its heartbeat queue and exports queue depth metrics. */
  workers: boolean;
  /** Owns the analytics store. Embedded ClickHouse allows one owning process, so only one service. */
  clickhouse: boolean;
  /** Reads or writes knowledge vectors (LanceDB embedded, or Milvus). */
  vectorStore: boolean;
  /** Reads or writes uploaded files (local disk, or an S3 bucket). */
  files: boolean;
}

export const SERVICE_TOPOLOGY: Readonly<Record<ServiceName, ServiceTopology>> = {
  'gateway-api': {
    postgres: true,
    workers: true,
    clickhouse: true,
    vectorStore: false,
    files: true,
  },
  'core-ai': { postgres: true, workers: true, clickhouse: false, vectorStore: true, files: false },
  // Received mail (raw, HTML, attachments) and agents' files to send live in the file storage.
  email: { postgres: true, workers: true, clickhouse: false, vectorStore: false, files: true },
  integration: {
    postgres: true,
    workers: true,
    clickhouse: false,
    vectorStore: false,
    files: false,
  },
  flags: { postgres: false, workers: false, clickhouse: false, vectorStore: false, files: false },
  loader: { postgres: true, workers: true, clickhouse: false, vectorStore: true, files: true },
  ticket: { postgres: true, workers: true, clickhouse: false, vectorStore: false, files: false },
};

export const WORKER_SERVICES: readonly ServiceName[] = SERVICE_NAMES.filter(
  (name) => SERVICE_TOPOLOGY[name].workers,
);
