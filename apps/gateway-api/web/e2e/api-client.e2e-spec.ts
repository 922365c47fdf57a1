import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type BootedService, bootService } from '@cxgenie/testing';
import { gatewayApiService } from '../../src/gateway-api.service';

const ROOT = resolve(__dirname, '../../../..');
const GENERATOR = 'apps/gateway-api/web/tools/generate-api-client.ts';

/** The generator's check, as `npm run web:api -- --check` runs it: exit code and stderr. */
async function check(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await promisify(execFile)(
      process.execPath,
      ['scripts/run-ts.js', GENERATOR, '--check', ...args],
      { cwd: ROOT },
    );
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

/**
 * The dashboard's API types are generated from the running gateway's OpenAPI document and
 * checked in; this fails when the API changed and nobody regenerated them (`npm run web:api`).
 */
describe('the dashboard’s generated API client', () => {
  let gateway: BootedService;

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
  });

  afterAll(() => gateway?.close());

  it('matches the OpenAPI document of the running gateway', async () => {
    expect(await check('--url', gateway.url)).toEqual({ code: 0, stderr: '' });
  });

  it('fails, saying what to run, once the API has a route the checked-in types lack', async () => {
    const document = (await (await fetch(`${gateway.url}/api/docs-json`)).json()) as {
      paths: Record<string, unknown>;
    };
    document.paths['/api/v1/added-later'] = {
      get: { operationId: 'AddedLater_get', responses: { 200: { description: 'ok' } } },
    };
    const file = join(await mkdtemp(join(tmpdir(), 'cxg-openapi-')), 'docs.json');
    await writeFile(file, JSON.stringify(document));
    const result = await check('--document', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('schema.d.ts is stale');
    expect(result.stderr).toContain('npm run web:api');
  });
});
