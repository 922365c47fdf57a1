#!/usr/bin/env bash
# `npm start`: dependencies, real PostgreSQL and Redis, migrations, the demo workspace, then all
# seven services. Ctrl-C stops the services, and the infrastructure too if this script started it.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
  echo "start: node_modules missing, running npm ci"
  npm ci --no-audit --no-fund
fi

infra_was_running=1
bash scripts/infra.sh status >/dev/null 2>&1 || infra_was_running=0
bash scripts/infra.sh up
stop_infra() { [ "$infra_was_running" = 1 ] || bash scripts/infra.sh down; }
trap stop_infra EXIT

# The dashboard served at /app: rebuilt only when its sources changed since the last build.
node scripts/build-web.js
node scripts/run-ts.js tools/migrate.ts up
node scripts/run-ts.js tools/seed.ts
# Not exec: the trap above must run after the services have stopped.
node scripts/run-ts.js tools/supervisor.ts "$@" || true
