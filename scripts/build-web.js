#!/usr/bin/env node
/*
 * Builds the dashboard (apps/gateway-api/web) with Vite into dist/apps/gateway-api/web, only when
 * its sources changed since the last build: a hash of the sources (and the lock file, for the
 * dependencies' versions) is kept beside the build. `--force` builds regardless.
 * Usage: node scripts/build-web.js [--force]
 */
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const web = path.join(root, 'apps/gateway-api/web');
const out = path.join(root, 'dist/apps/gateway-api/web');
const stampFile = path.join(out, '.source-hash');

const inputs = [
  path.join(web, 'src'),
  path.join(web, 'public'),
  path.join(web, 'index.html'),
  path.join(web, 'vite.config.mts'),
  path.join(root, 'package-lock.json'),
];

function filesOf(entry) {
  if (!fs.existsSync(entry)) return [];
  if (!fs.statSync(entry).isDirectory()) return [entry];
  return (
    fs
      .readdirSync(entry)
      .sort()
      .flatMap((name) => filesOf(path.join(entry, name)))
      // Tests of the app's logic are not part of what it ships.
      .filter((file) => !/\.spec\.tsx?$/.test(file))
  );
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(filesOf)) {
    hash.update(path.relative(root, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

const force = process.argv.includes('--force');
const hash = sourceHash();
const built = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : null;
if (!force && built === hash && fs.existsSync(path.join(out, 'index.html'))) {
  console.log('web: dashboard build is up to date');
  process.exit(0);
}

console.log('web: building the dashboard (vite)');
const started = Date.now();
const result = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/vite/bin/vite.js'),
    'build',
    '--config',
    path.join(web, 'vite.config.mts'),
    '--logLevel',
    'warn',
  ],
  // A test or dev shell's NODE_ENV must not turn this into React's development build.
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
);
if (result.status !== 0) {
  console.error('web: the dashboard build failed');
  process.exit(result.status ?? 1);
}
fs.writeFileSync(stampFile, `${hash}\n`);
console.log(
  `web: built in ${((Date.now() - started) / 1000).toFixed(1)} s → ${path.relative(root, out)}`,
);
