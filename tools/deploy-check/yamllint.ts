import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from './paths';

const run = promisify(execFile);

export const YAMLLINT_CONFIG = '.yamllint.yaml';

/**
 * yamllint (Debian's package, installed by scripts/ensure-yamllint.sh) with the repository's
 * config over paths or, with `stdin`, over rendered YAML. Resolves to its findings; empty: clean.
 */
export async function yamllint(paths: string[], stdin?: string): Promise<string> {
  const args = ['-f', 'parsable', '-c', YAMLLINT_CONFIG, ...(stdin === undefined ? paths : ['-'])];
  try {
    const child = run('yamllint', args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    if (stdin !== undefined) {
      child.child.stdin?.end(stdin);
    }
    const { stdout } = await child;
    return stdout.trim();
  } catch (error) {
    const e = error as { code?: string | number; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error('yamllint is not installed: run `bash scripts/ensure-yamllint.sh`');
    }
    if (e.stdout) return e.stdout.trim();
    throw new Error(`yamllint failed: ${e.stderr ?? String(error)}`);
  }
}
