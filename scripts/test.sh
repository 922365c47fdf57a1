#!/usr/bin/env bash
# The whole test suite, from a clean clone: dependencies, real PostgreSQL and Redis, typecheck,
# lint, then every unit and e2e test in one Jest run. Ends with Jest's summary and a plain
# "tests: N passed, N failed" line; exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
  echo "test: node_modules missing, running npm ci"
  npm ci --no-audit --no-fund || exit 1
fi

# fsync off: the test databases hold nothing worth a durable write, and it halves the run time.
PG_FAST=1 bash scripts/infra.sh up || { echo "test: infrastructure did not start"; exit 1; }
# The widget's end-to-end test drives Debian's Chromium.
bash scripts/ensure-chromium.sh || { echo "test: chromium is required for the widget e2e test"; exit 1; }
# The deploy checks (tools/deploy-check) lint YAML with Debian's yamllint.
bash scripts/ensure-yamllint.sh || { echo "test: yamllint is required for the deploy checks"; exit 1; }
# The email channel's mailbox tests read mail from a real IMAP server.
bash scripts/ensure-dovecot.sh || { echo "test: dovecot is required for the email mailbox e2e test"; exit 1; }

checks_passed=0
checks_failed=0
run_check() {
  local name=$1; shift
  echo "== $name"
  if "$@"; then
    checks_passed=$((checks_passed + 1))
  else
    echo "== $name FAILED"
    checks_failed=$((checks_failed + 1))
  fi
}
run_check typecheck npx tsc -p tsconfig.json --noEmit
run_check typecheck-web npx tsc -p apps/gateway-api/web/tsconfig.json
# The dashboard the gateway serves, built as it ships; its browser tests run against this build.
run_check web-build node scripts/build-web.js --force
run_check eslint npx eslint . --max-warnings=0
run_check prettier npx prettier --check . --log-level warn

# Embedded stores of earlier runs (one directory per test process) are not worth keeping.
rm -rf .data/test
mkdir -p .data
results=.data/jest-results.json
rm -f "$results"
echo "== jest"
# --forceExit: the LanceDB native addon keeps a handle open after every test has finished.
npx jest --ci --forceExit --json --outputFile="$results" "$@"
jest_status=$?

node scripts/print-test-summary.js "$results" "$checks_passed" "$checks_failed"
summary_status=$?
if [ $jest_status -ne 0 ] || [ $checks_failed -ne 0 ] || [ $summary_status -ne 0 ]; then
  exit 1
fi
