#!/usr/bin/env bash
# Makes sure /usr/bin/chromium exists for the browser end-to-end tests (playwright-core drives it;
# no browser is ever downloaded by npm). Idempotent: does nothing when Chromium is already there.
# Otherwise installs Debian's `chromium` package non-interactively, which needs root.
# Usage: bash scripts/ensure-chromium.sh
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

fail() {
  echo "ensure-chromium: $1" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "$CHROMIUM is missing and installing it needs root: run 'apt-get install -y chromium' as root"
command -v apt-get >/dev/null 2>&1 || fail "$CHROMIUM is missing and apt-get is not available to install it"

export DEBIAN_FRONTEND=noninteractive
apt_install() {
  apt-get install -y -q --no-install-recommends chromium >/tmp/ensure-chromium.log 2>&1
}

echo "ensure-chromium: installing Debian's chromium package"
if ! apt_install; then
  # The package lists are missing or stale: refresh them once and try again.
  apt-get update -q >>/tmp/ensure-chromium.log 2>&1 ||
    fail "apt-get update failed (see /tmp/ensure-chromium.log)"
  apt_install || fail "apt-get install chromium failed (see /tmp/ensure-chromium.log)"
fi

[ -x "$CHROMIUM" ] || fail "chromium was installed but $CHROMIUM does not exist"
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM installed")"
