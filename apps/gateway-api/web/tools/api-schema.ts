import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';

/** The checked-in TypeScript types of the API, generated from gateway-api's OpenAPI document. */
export const API_SCHEMA_FILE = resolve(__dirname, '../src/api/schema.d.ts');

const HEADER = [
  '/*',
  ' * Generated from gateway-api’s OpenAPI document (/api/docs-json) by',
  ' * apps/gateway-api/web/tools/generate-api-client.ts. Do not edit: run `npm run web:api`.',
  ' */',
  '',
].join('\n');

/**
 * The types openapi-typescript writes for the document, formatted as the repository formats
 * TypeScript, so a stale file and a fresh one differ only where the API changed.
 */
export async function renderApiSchema(document: unknown): Promise<string> {
  // ESM-only package: Node loads it through require(esm) once SWC has compiled this import.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], {
    alphabetize: true,
    exportType: true,
    // A default is what the server assumes when a field is left out: still optional to send.
    defaultNonNullable: false,
  });
  const options = (await resolveConfig(API_SCHEMA_FILE)) ?? {};
  return format(HEADER + astToString(ast), { ...options, parser: 'typescript' });
}

export async function fetchApiDocument(gatewayUrl: string): Promise<unknown> {
  const res = await fetch(`${gatewayUrl}/api/docs-json`);
  if (!res.ok) throw new Error(`${gatewayUrl}/api/docs-json answered ${res.status}`);
  return res.json();
}

export async function readCheckedInSchema(): Promise<string | null> {
  return readFile(API_SCHEMA_FILE, 'utf8').catch(() => null);
}
