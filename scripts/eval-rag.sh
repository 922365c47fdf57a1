#!/usr/bin/env bash
# `npm run eval:rag`: answer quality of the no-API-key stack, measured on documentation Debian
# packages ship: the PostgreSQL 15 manual (postgresql-doc-15) and the Postfix documentation
# (postfix-doc). Installs them when missing (needs root, like scripts/ensure-chromium.sh), then
# runs tools/eval-rag/main.ts, which prints tables and writes bench/results/rag-eval.json.
# Usage: bash scripts/eval-rag.sh [--ensure-only] [--dev-only] [--verbose] [--fit] [--placement]
#        [--cv] [--no-widget]
set -euo pipefail
cd "$(dirname "$0")/.."

# package -> a file it installs (bench/datasets/rag/corpora.json names the same packages)
declare -A DOCS=(
  [postgresql-doc-15]=/usr/share/doc/postgresql-doc-15/html/index.html
  [postfix-doc]=/usr/share/doc/postfix/html/index.html
)

fail() {
  echo "eval-rag: $1" >&2
  exit 1
}

ensure_docs() {
  local missing=()
  for package in "${!DOCS[@]}"; do
    [ -f "${DOCS[$package]}" ] || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || fail "${missing[*]} missing and installing needs root: run 'apt-get install -y ${missing[*]}' as root"
  command -v apt-get >/dev/null 2>&1 || fail "${missing[*]} missing and apt-get is not available to install them"
  export DEBIAN_FRONTEND=noninteractive
  apt_install() {
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/eval-rag-apt.log 2>&1
  }
  echo "eval-rag: installing Debian's ${missing[*]}"
  if ! apt_install; then
    # The package lists are missing or stale: refresh them once and try again.
    apt-get update -q >>/tmp/eval-rag-apt.log 2>&1 || fail "apt-get update failed (see /tmp/eval-rag-apt.log)"
    apt_install || fail "apt-get install ${missing[*]} failed (see /tmp/eval-rag-apt.log)"
  fi
  for package in "${missing[@]}"; do
    [ -f "${DOCS[$package]}" ] || fail "$package was installed but ${DOCS[$package]} does not exist"
  done
}

ensure_docs
if [ "${1:-}" = "--ensure-only" ]; then
  exit 0
fi
# The end-to-end run through the widget spawns the services against the project's own PostgreSQL
# and Redis (the test databases, as benchmarks do).
case " $* " in
  *" --no-widget "* | *" --dev-only "* | *" --fit "* | *" --placement "* | *" --cv "*) ;;
  *) bash scripts/infra.sh up >/dev/null ;;
esac
exec node scripts/run-ts.js tools/eval-rag/main.ts "$@"
