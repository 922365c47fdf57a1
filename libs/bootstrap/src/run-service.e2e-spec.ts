import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..', '..');

/** A production process with its own (non-development) secrets and nothing else. */
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:Vd83kLq0Zx@127.0.0.1:1/cxgenie',
  REDIS_URL: 'redis://127.0.0.1:1',
  JWT_SECRET: 'b8d2f6a0c4e8b2d6f0a4c8e2b6d0f4a8c2e6b0d4',
  ENCRYPTION_KEY: 'f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9',
  SERVICE_TOKEN: 'a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0',
};

const start = (service: string, env: Record<string, string>) =>
  run(process.execPath, ['scripts/run-ts.js', `apps/${service}/src/main.ts`], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    timeout: 60_000,
  }).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );

describe('a production service that would keep state to itself refuses to start', () => {
  it('exits 1 with one line naming each embedded store (loader: LanceDB and local uploads)', async () => {
    const { code, stderr } = await start('loader', PRODUCTION);
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^loader: Invalid configuration: /);
    expect(lines[0]).toContain('VECTOR_STORE must be milvus when NODE_ENV=production');
    expect(lines[0]).toContain('STORAGE_DRIVER must be s3 when NODE_ENV=production');
  });

  it('exits 1 naming embedded chdb in gateway-api, and the development secret it was given', async () => {
    const { code, stderr } = await start('gateway-api', {
      ...PRODUCTION,
      JWT_SECRET: 'cxgenie-compose-dev-jwt-secret-not-for-production',
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'documents',
    });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^gateway-api: Invalid configuration: JWT_SECRET is a development value.*; CLICKHOUSE_URL is required when NODE_ENV=production/,
      ),
    ]);
  });
});
