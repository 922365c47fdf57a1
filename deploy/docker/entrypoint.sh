#!/bin/sh
# Container entrypoint for the CX Genie image.
#   (no arguments)     run the app named by $APP
#   <app> [args...]    run that app's dist/apps/<app>/main.js
#   <command> [...]    run the command as given (e.g. node dist/tools/migrate.js up)
set -eu

if [ "$#" -eq 0 ]; then
  set -- "${APP:?set APP to an app name (gateway-api, core-ai, ...) or pass a command}"
fi

# dist/apps/<app>/main.js, or dist/apps/<app>/src/main.js when tsc keeps the source layout.
for main in "dist/apps/$1/main.js" "dist/apps/$1/src/main.js"; do
  if [ -f "$main" ]; then
    export APP="$1"
    shift
    exec node "$main" "$@"
  fi
done

if command -v "$1" >/dev/null 2>&1; then
  exec "$@"
fi

echo "cxgenie-entrypoint: unknown app '$1' (no dist/apps/$1/main.js)" >&2
exit 64
