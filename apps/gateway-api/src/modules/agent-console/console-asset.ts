import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CONSOLE_SCRIPT_FILE = 'agent-console.js';

export interface ConsoleAsset {
  body: string;
  /** The content's hash: a redeploy with a new script busts caches. */
  etag: string;
}

/**
 * Beside this module when run from source (tests, `npm start`) or from a build that copied the
 * assets folder; else in the source tree the build came from.
 */
const candidates = (dir: string): string[] => [
  join(dir, 'assets', CONSOLE_SCRIPT_FILE),
  join(process.cwd(), 'apps/gateway-api/src/modules/agent-console/assets', CONSOLE_SCRIPT_FILE),
];

/** Reads the console's plain-JS script once; null when the deployment ships without it. */
export function loadConsoleAsset(dir: string = __dirname): ConsoleAsset | null {
  const file = candidates(dir).find((path) => existsSync(path));
  if (!file) return null;
  const body = readFileSync(file, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, etag };
}
