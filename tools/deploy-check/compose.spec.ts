import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadServiceConfig } from '@cxgenie/config';
import {
  DEFAULT_SERVICE_PORTS,
  SERVICE_NAMES,
  type ServiceName,
  isServiceName,
} from '@cxgenie/contracts';
import { type ComposeFile, type Env, loadCompose, serviceEnvironment } from './compose';
import { COMPOSE_FILE, ROOT } from './paths';
import { yamllint } from './yamllint';

/** A fresh clone: no .env, nothing exported. */
const compose: ComposeFile = loadCompose(COMPOSE_FILE, {});
const apps = Object.keys(compose.services).filter((name) => isServiceName(name)) as ServiceName[];
const envOf = (service: string): Env => serviceEnvironment(COMPOSE_FILE, compose, service, {});

/** What an operator would put in their own env file: real secrets, a public webhook origin. */
const OWN_SECRETS: Env = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://cxgenie:Vd83kLq0Zx@postgres:5432/cxgenie',
  CLICKHOUSE_URL: 'http://cxgenie:Pw02mQk7Rt@clickhouse:8123',
  S3_SECRET_ACCESS_KEY: 'Xc83nVb02LqP9w',
  JWT_SECRET: 'b8d2f6a0c4e8b2d6f0a4c8e2b6d0f4a8c2e6b0d4',
  ENCRYPTION_KEY: 'f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9',
  SERVICE_TOKEN: 'a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0',
  PUBLIC_WEBHOOK_BASE_URL: 'https://hooks.example.com',
};

describe('docker-compose.yml', () => {
  it('runs all seven apps', () => {
    expect([...apps].sort()).toEqual([...SERVICE_NAMES].sort());
  });

  it.each(SERVICE_NAMES)(
    'gives %s an environment its config schema accepts, from a clone without .env',
    (app) => {
      const env = envOf(app);
      expect(env['APP']).toBe(app);
      const config = loadServiceConfig(app, env);
      expect(config.nodeEnv).toBe('development');
      // The real topology: no store inside the container.
      expect(config.storage.driver).toBe('s3');
      expect(config.vectorStore.kind).toBe('milvus');
      expect(config.clickhouseUrl).toMatch(/^http:\/\/.*@clickhouse:8123$/);
    },
  );

  it('keeps its development secrets out of production: each one is refused by name', () => {
    const devProfile = envOf('gateway-api');
    let error: unknown;
    try {
      loadServiceConfig('gateway-api', { ...devProfile, NODE_ENV: 'production' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual([
      'CLICKHOUSE_URL',
      'DATABASE_URL',
      'ENCRYPTION_KEY',
      'JWT_SECRET',
      'S3_SECRET_ACCESS_KEY',
      'SERVICE_TOKEN',
    ]);
  });

  it.each(SERVICE_NAMES)('runs %s in production once the secrets are your own', (app) => {
    expect(() => loadServiceConfig(app, { ...envOf(app), ...OWN_SECRETS })).not.toThrow();
  });

  it('addresses only its own services, on the ports they listen on', () => {
    const services = new Set(Object.keys(compose.services));
    for (const app of apps) {
      const env = envOf(app);
      for (const variable of ['DATABASE_URL', 'REDIS_URL', 'CLICKHOUSE_URL', 'S3_ENDPOINT']) {
        expect(services).toContain(new URL(env[variable]).hostname);
      }
      expect(services).toContain(env['MILVUS_ADDRESS'].split(':')[0]);
      for (const target of SERVICE_NAMES) {
        const url = new URL(env[`${target.toUpperCase().replace(/-/g, '_')}_URL`]);
        expect(url.hostname).toBe(target);
        expect(Number(url.port)).toBe(DEFAULT_SERVICE_PORTS[target]);
      }
    }
  });

  it('starts apps only after migrations, with every store healthy, and checks every long-lived service', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const oneShot = service.restart === 'no';
      if (!oneShot)
        expect({ name, healthcheck: Boolean(service.healthcheck) }).toEqual({
          name,
          healthcheck: true,
        });
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect(compose.services).toHaveProperty([dependency]);
      }
    }
    for (const app of apps) {
      expect(compose.services[app].depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
        clickhouse: { condition: 'service_healthy' },
        milvus: { condition: 'service_healthy' },
        'documents-bucket': { condition: 'service_completed_successfully' },
      });
    }
    expect(compose.services['migrate'].depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
    });
  });

  it('keeps every store in a named volume and publishes ports on loopback only', () => {
    const declared = new Set(Object.keys(compose.volumes ?? {}));
    const used = new Set<string>();
    for (const service of Object.values(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source!;
        expect(declared).toContain(source);
        used.add(source);
      }
      for (const port of service.ports ?? []) expect(String(port)).toMatch(/^127\.0\.0\.1:/);
    }
    expect([...used].sort()).toEqual([...declared].sort());
  });

  it('marks its development profile as such, and every app reads it', () => {
    const devEnv = readFileSync(resolve(ROOT, 'deploy/compose/dev.env'), 'utf8');
    expect(devEnv).toMatch(/DEVELOPMENT PROFILE/);
    expect(devEnv).toMatch(/^NODE_ENV=development$/m);
    expect(JSON.stringify(compose)).not.toMatch(/JWT_SECRET|ENCRYPTION_KEY|SERVICE_TOKEN/);
  });

  it('passes yamllint', async () => {
    const findings = await yamllint(['docker-compose.yml']);
    expect(findings.split('\n').filter((l) => l.includes('[error]'))).toEqual([]);
  });
});
