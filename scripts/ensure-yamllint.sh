#!/usr/bin/env bash
# Makes sure yamllint exists for the deploy checks (tools/deploy-check lints the deploy tree, the
# compose file, the workflows and the rendered chart). Idempotent; installs Debian's package.
# Usage: bash scripts/ensure-yamllint.sh
set -euo pipefail

command -v yamllint >/dev/null 2>&1 && exit 0

fail() {
  echo "ensure-yamllint: $1" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "yamllint is missing and installing it needs root: run 'apt-get install -y yamllint' as root"
command -v apt-get >/dev/null 2>&1 || fail "yamllint is missing and apt-get is not available to install it"

export DEBIAN_FRONTEND=noninteractive
apt_install() {
  apt-get install -y -q --no-install-recommends yamllint >/tmp/ensure-yamllint.log 2>&1
}

echo "ensure-yamllint: installing Debian's yamllint package"
if ! apt_install; then
  apt-get update -q >>/tmp/ensure-yamllint.log 2>&1 ||
    fail "apt-get update failed (see /tmp/ensure-yamllint.log)"
  apt_install || fail "apt-get install yamllint failed (see /tmp/ensure-yamllint.log)"
fi
command -v yamllint >/dev/null 2>&1 || fail "yamllint was installed but is not on PATH"
echo "ensure-yamllint: $(yamllint --version)"
