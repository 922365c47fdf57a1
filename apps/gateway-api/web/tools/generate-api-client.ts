/*
 * Regenerates the dashboard's API types from the OpenAPI document of a running gateway-api.
 *   npm run web:api                      starts a gateway (test database) and writes
 *   ... generate-api-client.ts --url U   reads the document of the gateway at U instead
 *   ... --document F                     reads the document from the JSON file F instead
 *   ... --check                          writes nothing; exits 1 when the checked-in file is stale
 */
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { Migrator } from '@cxgenie/database';
import { TEST_DATABASE_URL, spawnService } from '@cxgenie/testing';
import {
  API_SCHEMA_FILE,
  fetchApiDocument,
  readCheckedInSchema,
  renderApiSchema,
} from './api-schema';

async function documentOf(url: string | undefined, file: string | undefined): Promise<unknown> {
  if (file) return JSON.parse(await readFile(file, 'utf8')) as unknown;
  if (url) return fetchApiDocument(url);
  const migrator = new Migrator(TEST_DATABASE_URL);
  await migrator.up().finally(() => migrator.close());
  // Its own process, as deployed: the document is what a running gateway serves.
  const gateway = await spawnService('gateway-api', { LOG_LEVEL: 'warn' });
  try {
    return await fetchApiDocument(gateway.url);
  } finally {
    await gateway.close();
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const urlAt = args.indexOf('--url');
  const url = urlAt >= 0 ? args[urlAt + 1] : undefined;
  const fileAt = args.indexOf('--document');
  const file = fileAt >= 0 ? args[fileAt + 1] : undefined;
  const fresh = await renderApiSchema(await documentOf(url, file));
  const target = relative(process.cwd(), API_SCHEMA_FILE);
  if (args.includes('--check')) {
    if ((await readCheckedInSchema()) === fresh) return 0;
    console.error(
      `${target} is stale: the API changed since it was generated. Run \`npm run web:api\` and commit it.`,
    );
    return 1;
  }
  await writeFile(API_SCHEMA_FILE, fresh);
  console.log(`wrote ${target}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(2);
  },
);
