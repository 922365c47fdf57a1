#!/usr/bin/env bash
# Local PostgreSQL 15 + Redis 7 for development and tests, without Docker or systemd.
#
#   bash scripts/infra.sh up|down|status
#   bash scripts/infra.sh restart postgres|redis   (one of them; the chaos benchmark's faults)
#
# Env: DATA_DIR (default $ROOT/.data), PG_PORT (55432), REDIS_PORT (56379),
#      PG_USER / PG_PASSWORD (cxgenie/cxgenie), PG_DB (cxgenie), PG_TEST_DB ($PG_DB_test),
#      PG_FAST=1 (fsync/synchronous_commit/full_page_writes off, no WAL archive), PG_BIN,
#      INFRA_TIMEOUT (30 s), INFRA_SERVICES ("postgres redis": what `up`/`down` manage).
# WAL is archived to $DATA_DIR/wal-archive (unless PG_FAST=1) for `npm run db:backup` / `db:restore`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="$(realpath -m "${DATA_DIR:-$ROOT/.data}")"
PG_PORT="${PG_PORT:-55432}"
REDIS_PORT="${REDIS_PORT:-56379}"
PG_USER="${PG_USER:-cxgenie}"
PG_PASSWORD="${PG_PASSWORD:-cxgenie}"
PG_DB="${PG_DB:-cxgenie}"
PG_TEST_DB="${PG_TEST_DB:-${PG_DB}_test}"
PG_FAST="${PG_FAST:-0}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
TIMEOUT="${INFRA_TIMEOUT:-30}"
HOST=127.0.0.1

INFRA_SERVICES="${INFRA_SERVICES:-postgres redis}"

PG_DATA="$DATA_DIR/postgres"
REDIS_DIR="$DATA_DIR/redis"
LOG_DIR="$DATA_DIR/logs"
PG_LOG="$LOG_DIR/postgres.log"
WAL_ARCHIVE="$DATA_DIR/wal-archive"
REDIS_LOG="$LOG_DIR/redis.log"
REDIS_CONF="$REDIS_DIR/redis.conf"
REDIS_PID="$REDIS_DIR/redis.pid"

IS_ROOT=0
[[ $EUID -eq 0 ]] && IS_ROOT=1

# ---------------------------------------------------------------- helpers

log() { echo "infra: $*" >&2; }
die() {
  echo "infra: ERROR: $*" >&2
  exit 1
}

die_with_log() { # message logfile
  echo "infra: ERROR: $1" >&2
  if [[ -f $2 ]]; then
    echo "----- last 30 lines of $2 -----" >&2
    tail -n 30 "$2" >&2
    echo "-----" >&2
  fi
  exit 1
}

urlencode() {
  local LC_ALL=C s=$1 out='' c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [a-zA-Z0-9._~-]) out+=$c ;;
      *) printf -v c '%%%02X' "'$c" && out+=$c ;;
    esac
  done
  printf '%s' "$out"
}

pg_url() { echo "postgres://$(urlencode "$PG_USER"):$(urlencode "$PG_PASSWORD")@$HOST:$PG_PORT/$(urlencode "$PG_DB")"; }
redis_url() { echo "redis://$HOST:$REDIS_PORT"; }

# Zombies count as dead: a killed daemon may linger as <defunct> until its reaper gets to it.
proc_alive() { # pid
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }" # the state follows the parenthesised command name
  [[ -n $stat && ${stat:0:1} != Z ]]
}

# True if pid (first line of $1) is alive and its command name starts with $2.
# Checking the name guards against pid reuse after an unclean shutdown or container restart.
pidfile_alive() {
  local pid
  [[ -r $1 ]] || return 1
  pid="$(head -n1 "$1" 2>/dev/null | tr -d '[:space:]')"
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  proc_alive "$pid" && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$2"* ]]
}

# Run a command as the service user when we are root (PostgreSQL refuses to run as root).
# fd 9 is closed so daemons started here don't inherit (and hold forever) the infra lock.
as_user() { # user cmd...
  local user=$1
  shift
  if ((IS_ROOT)); then
    (cd / && runuser -u "$user" -- "$@") 9>&-
  else
    "$@" 9>&-
  fi
}

ensure_system_user() { # name
  ((IS_ROOT)) || return 0
  id -u "$1" >/dev/null 2>&1 && return 0
  log "creating system user $1"
  useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$1"
}

# Service directories must be owned by (and reachable for) the service user.
prepare_dir() { # dir user mode
  mkdir -p "$1"
  if ((IS_ROOT)); then
    chown "$2:$2" "$1"
    chmod "$3" "$1"
    as_user "$2" test -w "$1" ||
      die "user $2 cannot reach $1; make every parent directory of $DATA_DIR traversable (chmod o+x) or set DATA_DIR elsewhere"
  fi
}

prepare_log() { # file user
  touch "$1"
  if ((IS_ROOT)); then chown "$2:$2" "$1"; fi
}

wait_ready() { # name logfile ready_fn alive_fn
  local name=$1 logfile=$2 ready=$3 alive=$4 start=$SECONDS
  until "$ready"; do
    # Grace period: the pidfile appears only after the daemon has initialised.
    if ((SECONDS - start >= 2)) && ! "$alive"; then
      die_with_log "$name exited during startup" "$logfile"
    fi
    if ((SECONDS - start >= TIMEOUT)); then
      die_with_log "$name not ready after ${TIMEOUT}s" "$logfile"
    fi
    sleep 0.2
  done
}

# ---------------------------------------------------------------- packages

missing_packages() {
  local pkgs=()
  local b
  for b in postgres initdb pg_ctl psql pg_isready; do
    if [[ ! -x $PG_BIN/$b ]]; then
      pkgs+=(postgresql-15)
      break
    fi
  done
  command -v redis-server >/dev/null || pkgs+=(redis-server)
  command -v redis-cli >/dev/null || pkgs+=(redis-tools)
  echo "${pkgs[@]}"
}

apt_install() {
  local apt_log="$LOG_DIR/apt.log"
  local cmd=(env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@")
  log "installing $* (output in $apt_log)"
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    apt-get update >>"$apt_log" 2>&1 || die_with_log "apt-get update failed" "$apt_log"
  fi
  if ! "${cmd[@]}" >>"$apt_log" 2>&1; then
    log "install failed, retrying after apt-get update"
    apt-get update >>"$apt_log" 2>&1 || die_with_log "apt-get update failed" "$apt_log"
    "${cmd[@]}" >>"$apt_log" 2>&1 || die_with_log "apt-get install $* failed" "$apt_log"
  fi
}

ensure_packages() {
  local missing
  missing="$(missing_packages)"
  [[ -z $missing ]] && return 0
  ((IS_ROOT)) || die "missing packages: $missing -- install with: sudo apt-get install -y --no-install-recommends $missing"
  # shellcheck disable=SC2086
  apt_install $missing
  missing="$(missing_packages)"
  [[ -z $missing ]] || die "still missing after apt-get install: $missing (is PG_BIN=$PG_BIN right?)"
}

# ---------------------------------------------------------------- postgres

pg_ready() { "$PG_BIN/pg_isready" -q -h "$HOST" -p "$PG_PORT" -t 1 >/dev/null 2>&1; }
pg_ours_alive() { pidfile_alive "$PG_DATA/postmaster.pid" postgres; }

pg_clear_stale() {
  [[ -f $PG_DATA/postmaster.pid ]] || return 0
  pg_ours_alive && return 0
  log "removing stale $PG_DATA/postmaster.pid left by an unclean stop"
  rm -f "$PG_DATA/postmaster.pid" "$PG_DATA"/.s.PGSQL.*
}

pg_init() {
  [[ -f $PG_DATA/PG_VERSION ]] && return 0
  # Postgres rejects socket paths longer than 107 bytes; fail early with a clear message.
  local sock="$PG_DATA/.s.PGSQL.$PG_PORT"
  ((${#sock} <= 107)) || die "socket path $sock is too long for PostgreSQL (max 107 bytes); use a shorter DATA_DIR"
  log "initialising PostgreSQL cluster in $PG_DATA"
  as_user postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >>"$PG_LOG" 2>&1 ||
    die_with_log "initdb failed" "$PG_LOG"
  echo "include_if_exists = 'infra.conf'" | as_user postgres tee -a "$PG_DATA/postgresql.conf" >/dev/null
}

# Regenerated on every `up` so env changes (port, PG_FAST) take effect.
# archive_mode is always on (changing it needs a restart); what the archive command does follows
# PG_FAST: test runs keep no WAL, development keeps every segment for point-in-time restores.
pg_write_conf() {
  local fast=''
  local archive="test ! -f \"$WAL_ARCHIVE/%f\" && cp \"%p\" \"$WAL_ARCHIVE/%f\""
  if [[ $PG_FAST == 1 ]]; then
    fast=$'fsync = off\nsynchronous_commit = off\nfull_page_writes = off'
    archive='/bin/true'
  fi
  as_user postgres tee "$PG_DATA/infra.conf" >/dev/null <<EOF
# Generated by scripts/infra.sh; edits are overwritten on the next 'up'.
listen_addresses = '$HOST'
port = $PG_PORT
unix_socket_directories = '$PG_DATA'
max_connections = 300
wal_level = replica
archive_mode = on
archive_command = '$archive'
$fast
EOF
}

# Role and databases; idempotent, and resets the password to PG_PASSWORD.
pg_bootstrap() {
  local sql
  sql=$(
    cat <<'SQL'
SELECT format('CREATE ROLE %I', :'user')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER CREATEDB PASSWORD %L', :'user', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', d, :'user')
  FROM unnest(ARRAY[:'db', :'testdb']) AS d
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
SQL
  )
  "$PG_BIN/psql" -X -h "$PG_DATA" -p "$PG_PORT" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 \
    -v user="$PG_USER" -v pw="$PG_PASSWORD" -v db="$PG_DB" -v testdb="$PG_TEST_DB" <<<"$sql" >/dev/null ||
    die_with_log "creating role/databases failed" "$PG_LOG"
}

pg_check_login() {
  local db
  for db in "$PG_DB" "$PG_TEST_DB"; do
    PGPASSWORD="$PG_PASSWORD" "$PG_BIN/psql" -X -h "$HOST" -p "$PG_PORT" -U "$PG_USER" -d "$db" \
      -qAtc 'SELECT 1' >/dev/null 2>&1 ||
      die "cannot log in to postgres on $HOST:$PG_PORT as $PG_USER/$db with PG_PASSWORD"
  done
}

pg_up() {
  if pg_ready && ! pg_ours_alive; then
    log "port $PG_PORT already has a PostgreSQL not managed from $PG_DATA; leaving it"
    pg_check_login
    return 0
  fi

  ensure_system_user postgres
  prepare_dir "$PG_DATA" postgres 700
  prepare_dir "$WAL_ARCHIVE" postgres 700
  prepare_log "$PG_LOG" postgres
  pg_clear_stale
  pg_init
  pg_write_conf

  if pg_ours_alive; then
    local running_port
    running_port="$(sed -n 4p "$PG_DATA/postmaster.pid")"
    [[ $running_port == "$PG_PORT" ]] ||
      die "postgres from $PG_DATA is running on port $running_port, not $PG_PORT; run '$0 down' first"
    log "postgres already running (pid $(head -n1 "$PG_DATA/postmaster.pid"))"
    as_user postgres "$PG_BIN/pg_ctl" reload -D "$PG_DATA" -s >/dev/null 2>&1 || true
  else
    log "starting postgres on $HOST:$PG_PORT"
    as_user postgres "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -W -s ||
      die_with_log "pg_ctl start failed" "$PG_LOG"
  fi
  wait_ready postgres "$PG_LOG" pg_ready pg_ours_alive
  pg_bootstrap
  pg_check_login
}

pg_down() {
  if pg_ours_alive; then
    log "stopping postgres"
    as_user postgres "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t "$TIMEOUT" -s ||
      die_with_log "pg_ctl stop failed" "$PG_LOG"
  elif [[ -x $PG_BIN/pg_isready ]] && pg_ready; then
    log "port $PG_PORT has a PostgreSQL not managed from $PG_DATA; leaving it"
  else
    pg_clear_stale
    log "postgres already stopped"
  fi
}

# ---------------------------------------------------------------- redis

# redis-cli has no read timeout; without one a non-Redis listener on the port hangs us forever.
rcli() { timeout 3 redis-cli -h "$HOST" -p "$REDIS_PORT" "$@"; }
redis_ready() { [[ "$(rcli ping 2>/dev/null)" == PONG ]]; }
redis_ours_alive() { pidfile_alive "$REDIS_PID" redis-server; }

redis_write_conf() {
  cat >"$REDIS_CONF" <<EOF
# Generated by scripts/infra.sh; edits are overwritten on the next 'up'.
bind $HOST
port $REDIS_PORT
# Bound to loopback only, so protected mode adds nothing.
protected-mode no
daemonize yes
pidfile $REDIS_PID
logfile $REDIS_LOG
dir $REDIS_DIR
appendonly yes
appendfsync everysec
# The append-only file is the persistence. RDB snapshots on top would fork and write the whole
# dataset every minute under write load, taking a core from the services on a small machine.
save ""
# Bull loses jobs if Redis evicts keys.
maxmemory-policy noeviction
EOF
  chmod 644 "$REDIS_CONF"
}

redis_up() {
  if redis_ready; then
    if redis_ours_alive; then
      log "redis already running (pid $(head -n1 "$REDIS_PID"))"
    else
      log "port $REDIS_PORT already has a Redis not managed from $REDIS_DIR; leaving it"
    fi
    return 0
  fi

  local user
  user="$(id -un)"
  if ((IS_ROOT)); then
    user=redis
    ensure_system_user redis
  fi
  prepare_dir "$REDIS_DIR" "$user" 750
  prepare_log "$REDIS_LOG" "$user"
  redis_write_conf

  if ! redis_ours_alive; then
    [[ -f $REDIS_PID ]] && log "removing stale $REDIS_PID" && rm -f "$REDIS_PID"
    log "starting redis on $HOST:$REDIS_PORT"
    as_user "$user" redis-server "$REDIS_CONF" >>"$REDIS_LOG" 2>&1 ||
      die_with_log "redis-server failed to start" "$REDIS_LOG"
  fi
  wait_ready redis "$REDIS_LOG" redis_ready redis_ours_alive
}

redis_down() {
  if redis_ours_alive; then
    local pid start=$SECONDS
    pid="$(head -n1 "$REDIS_PID")"
    log "stopping redis"
    rcli shutdown >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
    while proc_alive "$pid"; do
      ((SECONDS - start < TIMEOUT)) || die_with_log "redis (pid $pid) did not stop within ${TIMEOUT}s" "$REDIS_LOG"
      sleep 0.2
    done
    rm -f "$REDIS_PID"
  elif command -v redis-cli >/dev/null && redis_ready; then
    log "port $REDIS_PORT has a Redis not managed from $REDIS_DIR; leaving it"
  else
    rm -f "$REDIS_PID"
    log "redis already stopped"
  fi
}

# ---------------------------------------------------------------- commands

# Serialise up/down so parallel callers (e.g. test and start scripts) don't race on initdb.
lock() {
  mkdir -p "$DATA_DIR" "$LOG_DIR"
  chmod 755 "$DATA_DIR" "$LOG_DIR" 2>/dev/null || true
  exec 9>"$DATA_DIR/.infra.lock"
  flock -w 120 9 || die "another infra.sh holds $DATA_DIR/.infra.lock"
}

wants() { [[ " $INFRA_SERVICES " == *" $1 "* ]]; }

cmd_up() {
  lock
  ensure_packages
  if wants postgres; then pg_up; fi
  if wants redis; then redis_up; fi
  if wants postgres; then printf '%-9s %s\n' postgres "$(pg_url)"; fi
  if wants redis; then printf '%-9s %s\n' redis "$(redis_url)"; fi
}

cmd_down() {
  lock
  if wants postgres; then pg_down; fi
  if wants redis; then redis_down; fi
}

cmd_status() {
  local rc=0 pg=stopped rd=stopped
  if [[ -x $PG_BIN/pg_isready ]] && pg_ready; then pg=running; else rc=3; fi
  if command -v redis-cli >/dev/null && redis_ready; then rd=running; else rc=3; fi
  printf '%-9s %-8s %s\n' postgres "$pg" "$(pg_url)" redis "$rd" "$(redis_url)"
  return "$rc"
}

cmd_restart() { # postgres|redis
  lock
  case "${1:-}" in
    postgres) pg_down && pg_up ;;
    redis) redis_down && redis_up ;;
    *) die "usage: $0 restart postgres|redis" ;;
  esac
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  restart) cmd_restart "${2:-}" ;;
  *)
    echo "usage: $0 up|down|status|restart postgres|redis" >&2
    exit 2
    ;;
esac
