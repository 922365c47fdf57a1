#!/usr/bin/env bash
# Makes sure Debian's Dovecot IMAP server is installed for the email channel's mailbox tests (the
# tests run it unprivileged with a configuration of their own; the system service is never
# started). Idempotent: does nothing when /usr/sbin/dovecot exists. Installing needs root.
# Usage: bash scripts/ensure-dovecot.sh
set -euo pipefail

DOVECOT=/usr/sbin/dovecot

if [ -x "$DOVECOT" ]; then
  exit 0
fi

fail() {
  echo "ensure-dovecot: $1" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "$DOVECOT is missing and installing it needs root: run 'apt-get install -y dovecot-imapd' as root"
command -v apt-get >/dev/null 2>&1 || fail "$DOVECOT is missing and apt-get is not available to install it"

export DEBIAN_FRONTEND=noninteractive
apt_install() {
  apt-get install -y -q --no-install-recommends dovecot-imapd >/tmp/ensure-dovecot.log 2>&1
}

echo "ensure-dovecot: installing Debian's dovecot-imapd package"
if ! apt_install; then
  # The package lists are missing or stale: refresh them once and try again.
  apt-get update -q >>/tmp/ensure-dovecot.log 2>&1 ||
    fail "apt-get update failed (see /tmp/ensure-dovecot.log)"
  apt_install || fail "apt-get install dovecot-imapd failed (see /tmp/ensure-dovecot.log)"
fi

[ -x "$DOVECOT" ] || fail "dovecot-imapd was installed but $DOVECOT does not exist"
echo "ensure-dovecot: $("$DOVECOT" --version 2>/dev/null || echo installed)"
