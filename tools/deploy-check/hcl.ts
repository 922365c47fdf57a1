import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { format } from '@cdktf/hcl-tools';
import { ROOT } from './paths';

// Loaded without its typings: they pull the DOM library into the whole program's types.
const { parse } = createRequire(__filename)('@cdktf/hcl2json') as {
  parse(filename: string, source: string): Promise<Record<string, unknown>>;
};

/**
 * Terraform files without a terraform binary (none can be installed here): HashiCorp's own HCL
 * libraries compiled to WebAssembly and shipped on npm by CDK for Terraform. `hclwrite.Format` is
 * the formatter `terraform fmt` applies; the HCL parser is the one terraform reads files with.
 */

export async function terraformFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(tf|tfvars)$|\.tfvars\.example$/.test(e.name))
    .filter((e) => !join(e.parentPath, e.name).includes('/.terraform/'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Files `terraform fmt -check` would rewrite: their layout differs from hclwrite.Format's. */
export async function unformattedFiles(files: string[]): Promise<string[]> {
  const unformatted: string[] = [];
  for (const file of files) {
    const source = await readFile(file, 'utf8');
    if ((await format(source)) !== source) unformatted.push(relative(ROOT, file));
  }
  return unformatted;
}

export type HclDocument = Record<string, unknown>;

/** The file as JSON (terraform's JSON configuration syntax); throws with the file's position. */
export async function parseHcl(file: string): Promise<HclDocument> {
  return (await parse(relative(ROOT, file), await readFile(file, 'utf8'))) as HclDocument;
}

/** Every block `type "label" ...` of a kind across parsed files: resource/data/module/variable. */
export function blocks(
  documents: HclDocument[],
  kind: 'resource' | 'data' | 'module' | 'variable' | 'output',
): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  for (const doc of documents) {
    const section = doc[kind] as Record<string, unknown> | undefined;
    if (!section) continue;
    if (kind === 'resource' || kind === 'data') {
      for (const [type, byName] of Object.entries(section)) {
        for (const [name, bodies] of Object.entries(byName as Record<string, unknown[]>)) {
          found.set(`${type}.${name}`, (bodies as Record<string, unknown>[])[0]);
        }
      }
    } else {
      for (const [name, bodies] of Object.entries(section)) {
        found.set(name, (bodies as Record<string, unknown>[])[0]);
      }
    }
  }
  return found;
}
