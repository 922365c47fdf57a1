#!/usr/bin/env bash
# `npm run eval:rag`: retrieval and handoff quality of the no-API-key answering stack, measured on
# the PostgreSQL 15 manual that Debian's postgresql-doc-15 package ships. Installs that package
# when /usr/share/doc/postgresql-doc-15 is missing (needs root, like scripts/ensure-chromium.sh),
# then runs tools/eval-rag/main.ts, which prints a table and writes bench/results/rag-eval.json.
# Usage: bash scripts/eval-rag.sh [--ensure-only] [--verbose]
set -euo pipefail
cd "$(dirname "$0")/.."

DOCS=/usr/share/doc/postgresql-doc-15/html

fail() {
  echo "eval-rag: $1" >&2
  exit 1
}

ensure_docs() {
  [ -f "$DOCS/index.html" ] && return 0
  [ "$(id -u)" -eq 0 ] || fail "$DOCS is missing and installing it needs root: run 'apt-get install -y postgresql-doc-15' as root"
  command -v apt-get >/dev/null 2>&1 || fail "$DOCS is missing and apt-get is not available to install it"
  export DEBIAN_FRONTEND=noninteractive
  apt_install() {
    apt-get install -y -q --no-install-recommends postgresql-doc-15 >/tmp/eval-rag-apt.log 2>&1
  }
  echo "eval-rag: installing Debian's postgresql-doc-15 package"
  if ! apt_install; then
    # The package lists are missing or stale: refresh them once and try again.
    apt-get update -q >>/tmp/eval-rag-apt.log 2>&1 || fail "apt-get update failed (see /tmp/eval-rag-apt.log)"
    apt_install || fail "apt-get install postgresql-doc-15 failed (see /tmp/eval-rag-apt.log)"
  fi
  [ -f "$DOCS/index.html" ] || fail "postgresql-doc-15 was installed but $DOCS/index.html does not exist"
}

ensure_docs
if [ "${1:-}" = "--ensure-only" ]; then
  exit 0
fi
exec node scripts/run-ts.js tools/eval-rag/main.ts "$@"
