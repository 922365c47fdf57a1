import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const WIDGET_SCRIPT_FILE = 'cxgenie-widget.js';

export interface WidgetAsset {
  body: string;
  /** Strong validator: the content's hash, so a redeploy with a new script busts caches. */
  etag: string;
}

/**
 * Where the widget script lives: beside this module when run from source (tests, `npm start`),
 * or, for a compiled build that did not copy the assets folder, in the source tree it came from.
 */
const candidates = (dir: string): string[] => [
  join(dir, 'assets', WIDGET_SCRIPT_FILE),
  join(process.cwd(), 'apps/gateway-api/src/modules/web-channel/assets', WIDGET_SCRIPT_FILE),
];

/** Reads the plain-JS widget once; null when the deployment ships without it. */
export function loadWidgetAsset(dir: string = __dirname): WidgetAsset | null {
  const file = candidates(dir).find((path) => existsSync(path));
  if (!file) return null;
  const body = readFileSync(file, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, etag };
}
