#!/usr/bin/env bash
# Base backup of the project's PostgreSQL (the cluster `npm run infra:up` runs), for point-in-time
# restores with `npm run db:restore`: pg_basebackup (tar, compressed, with the WAL it needs) into
# $BACKUP_DIR/<UTC time>/, while the cluster archives every WAL segment to $DATA_DIR/wal-archive.
# Keeps the newest $BACKUP_KEEP backups and the WAL they need.
#
#   npm run db:backup
#
# Env: as scripts/infra.sh (DATA_DIR, PG_PORT, PG_BIN), BACKUP_DIR ($DATA_DIR/backups),
#      BACKUP_KEEP (7).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="$(realpath -m "${DATA_DIR:-$ROOT/.data}")"
PG_PORT="${PG_PORT:-55432}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DATA="$DATA_DIR/postgres"
WAL_ARCHIVE="$DATA_DIR/wal-archive"
BACKUP_DIR="$(realpath -m "${BACKUP_DIR:-$DATA_DIR/backups}")"
BACKUP_KEEP="${BACKUP_KEEP:-7}"

die() {
  echo "db:backup: $*" >&2
  exit 1
}

# As the cluster's superuser over its socket (trusted locally by infra.sh's initdb).
sql() { "$PG_BIN/psql" -X -h "$PG_DATA" -p "$PG_PORT" -U postgres -d postgres -qAtc "$1"; }

sql 'SELECT 1' >/dev/null 2>&1 || die "no PostgreSQL answers on $PG_DATA (port $PG_PORT): run npm run infra:up"
archive_command="$(sql 'SHOW archive_command')"
[[ $archive_command == *"$WAL_ARCHIVE"* ]] ||
  die "this cluster does not archive WAL to $WAL_ARCHIVE (archive_command: '$archive_command'; PG_FAST=1 turns it off): restart it with npm run infra:down && npm run infra:up"

name="$(date -u +%Y%m%dT%H%M%SZ)"
target="$BACKUP_DIR/$name"
[[ ! -e $target ]] || die "$target already exists"
mkdir -p "$BACKUP_DIR"
# Older WAL than the segment current now is never needed by this backup.
start_wal="$(sql 'SELECT pg_walfile_name(pg_current_wal_lsn())')"
echo "db:backup: base backup into $target"
"$PG_BIN/pg_basebackup" -h "$PG_DATA" -p "$PG_PORT" -U postgres -D "$target" \
  --format=tar --gzip --wal-method=stream --checkpoint=fast --label="cxgenie $name" --no-password
# The backup is consistent from here on: a restore target must not be earlier.
finished_at="$(sql "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")"
# Archive the segment holding the backup's end now rather than when it fills.
sql 'SELECT pg_switch_wal()' >/dev/null
cat >"$target/backup.info" <<INFO
name=$name
finished_at=$finished_at
finished_epoch=$(date -u -d "$finished_at" +%s.%N)
start_wal=$start_wal
port=$PG_PORT
INFO
echo "db:backup: done ($name, consistent from $finished_at)"

# Retention: the newest BACKUP_KEEP backups, and the archived WAL from the oldest kept one on.
mapfile -t backups < <(find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '*Z' -printf '%f\n' | sort)
if ((${#backups[@]} > BACKUP_KEEP)); then
  for old in "${backups[@]:0:${#backups[@]}-BACKUP_KEEP}"; do
    echo "db:backup: removing old backup $old"
    rm -rf "${BACKUP_DIR:?}/$old"
  done
  oldest="${backups[${#backups[@]}-BACKUP_KEEP]}"
  oldest_wal="$(sed -n 's/^start_wal=//p' "$BACKUP_DIR/$oldest/backup.info")"
  [[ -n $oldest_wal ]] && "$PG_BIN/pg_archivecleanup" "$WAL_ARCHIVE" "$oldest_wal"
fi
