#!/usr/bin/env bash
# Point-in-time restore of the project's PostgreSQL into a NEW data directory, from the newest
# `npm run db:backup` base backup taken before the target time plus the archived WAL after it.
# The running cluster is never touched (its current WAL segment is archived first if it runs).
#
#   npm run db:restore -- --time '2026-12-06 14:03:00+00' [--target-dir DIR] [--port N] [--start]
#   npm run db:restore -- --stop --target-dir DIR
#
# --time        restore up to this moment (any PostgreSQL timestamptz; include the zone)
# --target-dir  the new data directory (default $DATA_DIR/restore-<UTC now>); must not exist
# --port        port of the restored cluster (default PG_PORT + 1)
# --start       start it, wait until recovery has reached the target and it accepts writes
# --stop        stop a restored cluster started with --start
# Env: as scripts/infra.sh (DATA_DIR, PG_PORT, PG_BIN), BACKUP_DIR ($DATA_DIR/backups).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="$(realpath -m "${DATA_DIR:-$ROOT/.data}")"
PG_PORT="${PG_PORT:-55432}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DATA="$DATA_DIR/postgres"
WAL_ARCHIVE="$DATA_DIR/wal-archive"
BACKUP_DIR="$(realpath -m "${BACKUP_DIR:-$DATA_DIR/backups}")"
TIMEOUT="${RESTORE_TIMEOUT:-120}"

die() {
  echo "db:restore: $*" >&2
  exit 1
}

as_postgres() {
  if [[ $EUID -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

target_time='' target_dir='' port='' start=0 stop=0
while (($#)); do
  case $1 in
    --time) target_time=${2:?--time needs a value}; shift 2 ;;
    --target-dir) target_dir=${2:?--target-dir needs a value}; shift 2 ;;
    --port) port=${2:?--port needs a value}; shift 2 ;;
    --start) start=1; shift ;;
    --stop) stop=1; shift ;;
    *) die "unknown argument $1 (see the usage at the top of scripts/db-restore.sh)" ;;
  esac
done

if ((stop)); then
  [[ -n $target_dir ]] || die "--stop needs --target-dir"
  as_postgres "$PG_BIN/pg_ctl" stop -D "$(realpath -m "$target_dir")" -m fast -w -s
  exit 0
fi

[[ -n $target_time ]] || die "--time is required, e.g. --time '$(date -u '+%Y-%m-%d %H:%M:%S')+00'"
target_epoch="$(date -u -d "$target_time" +%s.%N 2>/dev/null)" || die "--time '$target_time' is not a time"
target_dir="$(realpath -m "${target_dir:-$DATA_DIR/restore-$(date -u +%Y%m%dT%H%M%SZ)}")"
port="${port:-$((PG_PORT + 1))}"
[[ ! -e $target_dir ]] || die "$target_dir exists: restore into a new directory"

# WAL written since the last segment switch is still in the live cluster: archive it now.
if "$PG_BIN/psql" -X -h "$PG_DATA" -p "$PG_PORT" -U postgres -d postgres -qAtc 'SELECT pg_switch_wal()' >/dev/null 2>&1; then
  sleep 1
fi

# The newest backup that was already consistent at the target time.
chosen=''
for info in "$BACKUP_DIR"/*/backup.info; do
  [[ -f $info ]] || continue
  finished="$(sed -n 's/^finished_epoch=//p' "$info")"
  if awk -v f="$finished" -v t="$target_epoch" 'BEGIN { exit !(f <= t) }'; then chosen="$(dirname "$info")"; fi
done
[[ -n $chosen ]] || die "no base backup in $BACKUP_DIR finished before $target_time (run npm run db:backup)"
echo "db:restore: base backup $(basename "$chosen"), WAL from $WAL_ARCHIVE, up to $target_time"

mkdir -p "$target_dir"
tar -xzf "$chosen/base.tar.gz" -C "$target_dir"
mkdir -p "$target_dir/pg_wal"
tar -xzf "$chosen/pg_wal.tar.gz" -C "$target_dir/pg_wal"
rm -f "$target_dir/postmaster.pid" "$target_dir"/.s.PGSQL.*
# The copied infra.conf describes the original cluster: the restored one gets its own port and
# socket, and archives nothing into the original's archive.
cat >"$target_dir/infra.conf" <<CONF
# Written by scripts/db-restore.sh: a point-in-time copy, not managed by infra.sh.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$target_dir'
max_connections = 300
archive_mode = off
restore_command = 'cp "$WAL_ARCHIVE/%f" "%p"'
recovery_target_time = '$target_time'
recovery_target_action = 'promote'
CONF
touch "$target_dir/recovery.signal"
if [[ $EUID -eq 0 ]]; then chown -R postgres:postgres "$target_dir"; fi
chmod 700 "$target_dir"
echo "db:restore: restored into $target_dir (port $port)"

((start)) || {
  echo "db:restore: start it with: pg_ctl start -D $target_dir   (add --start to do it here)"
  exit 0
}
as_postgres "$PG_BIN/pg_ctl" start -D "$target_dir" -l "$target_dir/restore.log" -w -t "$TIMEOUT" -s ||
  { tail -n 30 "$target_dir/restore.log" >&2; die "the restored cluster did not start"; }
# Promoted once recovery reaches the target: then it is out of recovery and takes writes.
for _ in $(seq 1 "$((TIMEOUT * 5))"); do
  state="$("$PG_BIN/psql" -X -h "$target_dir" -p "$port" -U postgres -d postgres -qAtc 'SELECT pg_is_in_recovery()' 2>/dev/null || true)"
  [[ $state == f ]] && break
  sleep 0.2
done
[[ $state == f ]] || { tail -n 30 "$target_dir/restore.log" >&2; die "recovery did not reach $target_time"; }
echo "db:restore: ready at postgres://127.0.0.1:$port (stop: npm run db:restore -- --stop --target-dir $target_dir)"
