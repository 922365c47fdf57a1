#!/usr/bin/env node
/*
 * Runs a TypeScript entry point of the monorepo without a build step: SWC transpiles (fast,
 * keeps decorator metadata for Nest's DI) and tsconfig paths resolve the @cxgenie/* libs.
 * Usage: node scripts/run-ts.js apps/gateway-api/src/main.ts [args...]
 */
const path = require('node:path');

const root = path.resolve(__dirname, '..');
require('ts-node').register({
  project: path.join(root, 'tsconfig.json'),
  transpileOnly: true,
  swc: true,
});
require('tsconfig-paths').register({
  baseUrl: root,
  paths: require(path.join(root, 'tsconfig.base.json')).compilerOptions.paths,
});

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-ts.js <entry.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 1);
require(path.resolve(root, entry));
