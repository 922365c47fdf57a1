import { SERVICE_NAMES, SERVICE_TOPOLOGY } from '@cxgenie/contracts';
import { ConfigError } from './config.error';
import { DEVELOPMENT_SECRETS } from './development-secrets';
import { loadServiceConfig } from './load-service-config';

/** A production environment with real secrets and shared stores for every embedded default. */
const production = (overrides: Record<string, string | undefined> = {}) => ({
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:9fK2xQ7vLp3@db.internal:5432/cxgenie',
  REDIS_URL: 'rediss://:Xq93kdLw02mZ@redis.internal:6379',
  JWT_SECRET: 'e1f0b2c6a9d84f3bb1c07e55d2a6f9a4c3b8e7d1',
  ENCRYPTION_KEY: '3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c',
  SERVICE_TOKEN: '7d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5d7e',
  CLICKHOUSE_URL: 'http://clickhouse.internal:8123',
  VECTOR_STORE: 'milvus',
  MILVUS_ADDRESS: 'milvus.internal:19530',
  STORAGE_DRIVER: 's3',
  S3_BUCKET: 'cxgenie-documents',
  PUBLIC_WEBHOOK_BASE_URL: 'https://hooks.cxgenie.example.com',
  ...overrides,
});

const problemsOf = (fn: () => unknown): Record<string, string> => {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return Object.fromEntries(error.problems.map((p) => [p.variable, p.problem]));
  }
  return {};
};

describe('production refuses embedded state', () => {
  it('boots every service when each store is shared', () => {
    for (const service of SERVICE_NAMES) {
      expect(loadServiceConfig(service, production()).nodeEnv).toBe('production');
    }
  });

  it('refuses embedded chdb in the service that owns analytics, naming CLICKHOUSE_URL', () => {
    const env = production({ CLICKHOUSE_URL: undefined });
    expect(() => loadServiceConfig('gateway-api', env)).toThrow(
      /^Invalid configuration: CLICKHOUSE_URL is required when NODE_ENV=production: without it analytics live in an embedded chdb/,
    );
    // Services that never open ClickHouse do not care.
    expect(() => loadServiceConfig('ticket', env)).not.toThrow();
  });

  it.each(SERVICE_NAMES.filter((s) => SERVICE_TOPOLOGY[s].vectorStore))(
    'refuses a local LanceDB in %s, naming VECTOR_STORE',
    (service) => {
      const problems = problemsOf(() =>
        loadServiceConfig(service, production({ VECTOR_STORE: 'lancedb' })),
      );
      expect(Object.keys(problems)).toEqual(['VECTOR_STORE']);
      expect(problems['VECTOR_STORE']).toMatch(/^must be milvus when NODE_ENV=production/);
    },
  );

  it.each(SERVICE_NAMES.filter((s) => SERVICE_TOPOLOGY[s].files))(
    'refuses local upload storage in %s, naming STORAGE_DRIVER',
    (service) => {
      const problems = problemsOf(() =>
        loadServiceConfig(service, production({ STORAGE_DRIVER: 'local', S3_BUCKET: undefined })),
      );
      expect(Object.keys(problems)).toEqual(['STORAGE_DRIVER']);
    },
  );

  it('names every embedded store at once, on one line', () => {
    const env = production({
      CLICKHOUSE_URL: undefined,
      VECTOR_STORE: undefined,
      STORAGE_DRIVER: undefined,
    });
    let message = '';
    try {
      loadServiceConfig('gateway-api', env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('\n');
    expect(message).toContain('CLICKHOUSE_URL is required');
    expect(message).toContain('STORAGE_DRIVER must be s3');
    expect(Object.keys(problemsOf(() => loadServiceConfig('loader', env))).sort()).toEqual([
      'STORAGE_DRIVER',
      'VECTOR_STORE',
    ]);
  });

  it('allows embedded stores when the deployment says it is a single node', () => {
    const env = production({
      CLICKHOUSE_URL: undefined,
      VECTOR_STORE: 'lancedb',
      STORAGE_DRIVER: 'local',
      SINGLE_NODE: 'true',
    });
    for (const service of SERVICE_NAMES) {
      expect(loadServiceConfig(service, env).singleNode).toBe(true);
    }
  });

  it('keeps the embedded defaults for development', () => {
    const config = loadServiceConfig('gateway-api', {});
    expect(config.clickhouseUrl).toBeNull();
    expect(config.vectorStore.kind).toBe('lancedb');
    expect(config.storage.driver).toBe('local');
  });
});

describe('production needs a public webhook origin', () => {
  it('refuses to register webhooks at an in-cluster address', () => {
    expect(
      problemsOf(() =>
        loadServiceConfig('integration', production({ PUBLIC_WEBHOOK_BASE_URL: undefined })),
      ),
    ).toEqual({
      PUBLIC_WEBHOOK_BASE_URL:
        'is required when NODE_ENV=production: the public https origin platforms post webhooks to',
    });
    expect(
      Object.keys(
        problemsOf(() =>
          loadServiceConfig(
            'integration',
            production({ PUBLIC_WEBHOOK_BASE_URL: 'http://cxgenie-integration:3003' }),
          ),
        ),
      ),
    ).toEqual(['PUBLIC_WEBHOOK_BASE_URL']);
  });
});

describe('production refuses development secrets', () => {
  it('requires a service token', () => {
    expect(
      problemsOf(() => loadServiceConfig('core-ai', production({ SERVICE_TOKEN: undefined }))),
    ).toEqual({ SERVICE_TOKEN: 'is required when NODE_ENV=production' });
  });

  it.each(['JWT_SECRET', 'ENCRYPTION_KEY', 'SERVICE_TOKEN'])(
    'refuses every known development value of %s',
    (variable) => {
      for (const secret of DEVELOPMENT_SECRETS.filter((s) => s.length >= 32)) {
        const problems = problemsOf(() =>
          loadServiceConfig('gateway-api', production({ [variable]: secret })),
        );
        expect(problems[variable]).toMatch(/^is a development value/);
      }
    },
  );

  it('refuses the all-zero encryption key of the old compose file and other placeholders', () => {
    for (const key of ['0'.repeat(64), 'x'.repeat(40), 'please-change-me-before-going-live-0001']) {
      expect(
        Object.keys(
          problemsOf(() => loadServiceConfig('ticket', production({ ENCRYPTION_KEY: key }))),
        ),
      ).toEqual(['ENCRYPTION_KEY']);
    }
  });

  it('refuses the development database and object-store passwords', () => {
    const problems = problemsOf(() =>
      loadServiceConfig(
        'loader',
        production({
          DATABASE_URL: 'postgres://cxgenie:cxgenie@postgres:5432/cxgenie',
          S3_ACCESS_KEY_ID: 'minioadmin',
          S3_SECRET_ACCESS_KEY: 'minioadmin',
        }),
      ),
    );
    expect(Object.keys(problems).sort()).toEqual(['DATABASE_URL', 'S3_SECRET_ACCESS_KEY']);
  });

  it('lets development run on the development secrets', () => {
    const config = loadServiceConfig('gateway-api', {
      JWT_SECRET: DEVELOPMENT_SECRETS[0],
      ENCRYPTION_KEY: '0'.repeat(64),
    });
    expect(config.serviceToken).toMatch(/not-for-production$/);
  });
});

describe('LLM prices', () => {
  it('reads USD per million tokens by provider/model, and names the variable when it is not that', () => {
    const prices = '{"openai/gpt-4o-mini":{"input":0.15,"output":0.6}}';
    expect(loadServiceConfig('core-ai', { LLM_PRICES: prices }).analytics.llmPrices).toEqual({
      'openai/gpt-4o-mini': { input: 0.15, output: 0.6 },
    });
    expect(loadServiceConfig('core-ai', {}).analytics.llmPrices).toEqual({});
    for (const bad of [
      'not json',
      '{"openai/m":{"input":"cheap"}}',
      '{"m":{"input":1,"output":1}}',
    ]) {
      expect(() => loadServiceConfig('core-ai', { LLM_PRICES: bad })).toThrow(/LLM_PRICES/);
    }
  });
});
