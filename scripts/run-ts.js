#!/usr/bin/env node
/*
 * Runs a TypeScript entry point of the monorepo without a build step: SWC transpiles each .ts file
 * as it is required, with the .swcrc Jest uses (decorator metadata included, which Nest's DI
 * needs), and tsconfig paths resolve the @cxgenie/* libs.
 * Usage: node scripts/run-ts.js apps/gateway-api/src/main.ts [args...]
 *
 * A require hook of our own rather than ts-node: ts-node loads Node's REPL, whose `domain` module
 * wraps every EventEmitter.emit of the process; the compiled build never pays that, so neither
 * should development, tests or benchmarks.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

// Stack traces point into the TypeScript sources.
process.setSourceMapsEnabled(true);

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    ...swcrc,
    swcrc: false,
    filename,
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};

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
