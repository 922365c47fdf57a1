#!/usr/bin/env node
/*
 * The npm registry this project's machines reach serves only the linux-x64 builds of some native
 * packages (LanceDB, chdb). `npm install` then leaves the other platforms' optional packages out
 * of package-lock.json, and `npm ci` refuses a lock that omits them. This puts them back as
 * platform-restricted optional entries (npm never downloads them on a non-matching machine).
 * Run it after any `npm install` that rewrites the lock: node scripts/complete-lockfile.js
 */
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const PLATFORM = /-(darwin|linux|win32)-(x64|arm64)(?:-(gnu|musl|msvc))?$/;
const LIBC = { gnu: 'glibc', musl: 'musl' };

let added = 0;
for (const [location, meta] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const match = PLATFORM.exec(name);
    if (lock.packages[key] || !match) continue;
    const [, os, cpu, abi] = match;
    const pinned = version.replace(/^[\^~]/, '');
    lock.packages[key] = {
      version: pinned,
      resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${pinned}.tgz`,
      cpu: [cpu],
      optional: true,
      os: [os],
      ...(LIBC[abi] ? { libc: [LIBC[abi]] } : {}),
    };
    added += 1;
    if (process.env.DEBUG) console.log(`added ${key} (required by ${location || 'root'})`);
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
  ),
);
fs.writeFileSync(lockPath, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
console.log(`complete-lockfile: ${added} platform entries added`);
