#!/usr/bin/env node
/*
 * Prints the run's closing line, "tests: N passed, N failed", from Jest's JSON results plus the
 * static checks (typecheck, lint), so a reader or a CI knows the outcome without Jest's format.
 * A suite that could not run at all (syntax error, failing beforeAll) counts as a failure.
 * Exits 1 when the results file is missing (Jest crashed before writing it).
 */
const fs = require('node:fs');

const [file, checksPassed = '0', checksFailed = '0'] = process.argv.slice(2);
let passed = Number(checksPassed);
let failed = Number(checksFailed);
let skipped = 0;
let ok = true;
try {
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
  skipped += results.numPendingTests + results.numTodoTests;
} catch (error) {
  console.error(`no Jest results at ${file}: ${error.message}`);
  failed += 1;
  ok = false;
}
const tail = skipped > 0 ? `, ${skipped} skipped` : '';
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${tail}\n`);
process.exit(ok ? 0 : 1);
