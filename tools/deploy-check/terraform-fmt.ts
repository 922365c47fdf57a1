/*
 * `terraform fmt` for machines without terraform: rewrites deploy/terraform's files with
 * hclwrite.Format (the formatter terraform fmt uses), or with --check lists those it would change.
 *   npm run terraform:fmt [-- --check]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { format } from '@cdktf/hcl-tools';
import { terraformFiles } from './hcl';
import { ROOT, TERRAFORM_DIR } from './paths';

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  let changed = 0;
  for (const file of await terraformFiles(TERRAFORM_DIR)) {
    const source = await readFile(file, 'utf8');
    const formatted = await format(source);
    if (formatted === source) continue;
    changed++;
    console.log(relative(ROOT, file));
    if (!check) await writeFile(file, formatted);
  }
  return check && changed > 0 ? 3 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
