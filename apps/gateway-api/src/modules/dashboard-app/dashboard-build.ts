import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

/** Where `npm run web:build` writes the dashboard (apps/gateway-api/web/vite.config.ts). */
export const DASHBOARD_BUILD_DIR = 'dist/apps/gateway-api/web';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface DashboardAsset {
  body: Buffer;
  contentType: string;
}

export interface DashboardBuild {
  dir: string;
  /** index.html, served for every client-side route. */
  indexHtml: string;
  /** Hashed files under assets/, read once: the set is small and never changes while running. */
  assets: Map<string, DashboardAsset>;
}

/**
 * From the repository root when run from source (tests, `npm start`); from beside the compiled
 * gateway in a production build (dist/apps/gateway-api/src/modules/dashboard-app → dist/…/web).
 */
const candidates = (dir: string): string[] => [
  resolve(process.cwd(), DASHBOARD_BUILD_DIR),
  resolve(dir, '../../../web'),
];

function readAssets(root: string): Map<string, DashboardAsset> {
  const assets = new Map<string, DashboardAsset>();
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else
        assets.set(`${prefix}${name}`, {
          body: readFileSync(path),
          contentType: CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
        });
    }
  };
  walk(root, '');
  return assets;
}

/** The built dashboard, or null when the deployment has none (the module then answers 503). */
export function loadDashboardBuild(dir: string = __dirname): DashboardBuild | null {
  const root = candidates(dir).find((path) => existsSync(join(path, 'index.html')));
  if (!root) return null;
  const assets = readAssets(root);
  assets.delete('index.html');
  return { dir: root, indexHtml: readFileSync(join(root, 'index.html'), 'utf8'), assets };
}

/** A request path inside the build, or null for anything that tries to climb out of it. */
export function assetKey(path: string): string | null {
  const key = decodeURIComponent(path).replace(/^\/+/, '');
  if (key.includes('..') || key.includes('\0') || key.includes(sep === '\\' ? '\\' : '\0'))
    return null;
  return key;
}
