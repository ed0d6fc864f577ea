#!/usr/bin/env bash
# Starts and stops the real engine: a nats-server with JetStream and a PostgreSQL cluster, both on
# 127.0.0.1, with all data under $ENGINE_DIR. Processes are tracked and stopped by PID.
#
#   engine.sh start  [all|nats|pg]   start (ports are remembered in $ENGINE_DIR/engine.env)
#   engine.sh stop   [all|nats|pg]   stop by PID
#   engine.sh status [all|nats|pg]   exit 0 when every asked part runs
#   engine.sh env                    print the engine.env of a started engine
#
# Environment: ENGINE_DIR (required), NATS_PORT, NATS_MONITOR_PORT, PG_PORT (defaults 14222, 18222,
# 15432; used on first start only), ENGINE_DATABASES (databases to create), PG_FAST=1 (no fsync: tests).
set -euo pipefail

: "${ENGINE_DIR:?set ENGINE_DIR to the directory that holds the engine data}"
DATABASES=${ENGINE_DATABASES:-"tickets orders expiration transactions accounts users payments"}
ENV_FILE="$ENGINE_DIR/engine.env"

log() { echo "[engine] $*" >&2; }

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$dir/initdb" ] || { log "PostgreSQL server binaries not found (install: scripts/install-deps.sh)"; exit 1; }
  echo "$dir"
}

# PostgreSQL refuses to run as root: run its tools as the postgres user then.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local port=$1 what=$2 i
  for i in $(seq 1 100); do port_open "$port" && return 0; sleep 0.1; done
  log "$what did not open port $port within 10 s"; return 1
}

load_env() {
  mkdir -p "$ENGINE_DIR"
  chmod 755 "$ENGINE_DIR"
  if [ ! -f "$ENV_FILE" ]; then
    cat > "$ENV_FILE" <<EOV
NATS_PORT=${NATS_PORT:-14222}
NATS_MONITOR_PORT=${NATS_MONITOR_PORT:-18222}
PG_PORT=${PG_PORT:-15432}
EOV
    . "$ENV_FILE"
    cat >> "$ENV_FILE" <<EOV
NATS_URL=nats://127.0.0.1:$NATS_PORT
PG_HOST=127.0.0.1
PG_USER=postgres
EOV
  fi
  . "$ENV_FILE"
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_nats() {
  local dir="$ENGINE_DIR/nats"
  mkdir -p "$dir/store"
  if pid_alive "$dir/nats.pid"; then log "nats-server already running"; return 0; fi
  port_open "$NATS_PORT" && { log "port $NATS_PORT is taken by another process"; return 1; }
  command -v nats-server >/dev/null || { log "nats-server not found (install: scripts/install-deps.sh)"; return 1; }
  nats-server -a 127.0.0.1 -p "$NATS_PORT" -m "$NATS_MONITOR_PORT" -js -sd "$dir/store" \
    -P "$dir/nats.pid" -l "$dir/nats.log" </dev/null >/dev/null 2>&1 &
  wait_port "$NATS_PORT" nats-server
  local i
  for i in $(seq 1 50); do [ -s "$dir/nats.pid" ] && break; sleep 0.1; done
  log "nats-server pid $(cat "$dir/nats.pid") on nats://127.0.0.1:$NATS_PORT (JetStream in $dir/store)"
}

stop_pidfile() {
  local pidfile=$1 what=$2 pid i
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then log "$what pid $pid ignored TERM for 10 s: KILL"; kill -KILL "$pid" 2>/dev/null || true; fi
    log "$what pid $pid stopped"
  fi
  rm -f "$pidfile"
}

stop_nats() { stop_pidfile "$ENGINE_DIR/nats/nats.pid" nats-server; }

start_pg() {
  local dir="$ENGINE_DIR/pg" bin
  bin=$(pg_bin)
  mkdir -p "$dir/sock"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir" "$dir/sock"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    mkdir -p "$dir/data"; chmod 700 "$dir/data"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir/data"; fi
    as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  if as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then log "PostgreSQL already running"; return 0; fi
  port_open "$PG_PORT" && { log "port $PG_PORT is taken by another process"; return 1; }
  local opts="-p $PG_PORT -k $dir/sock -c listen_addresses=127.0.0.1 -c max_connections=300"
  if [ "${PG_FAST:-0}" = 1 ]; then opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -o "$opts" -w -t 30 start >/dev/null \
    || { tail -n 20 "$dir/pg.log" >&2; return 1; }
  local db
  for db in $DATABASES; do
    if ! psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
      psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create database \"$db\"" >/dev/null
    fi
  done
  log "PostgreSQL pid $(head -n 1 "$dir/data/postmaster.pid") on 127.0.0.1:$PG_PORT (databases: $DATABASES)"
}

stop_pg() {
  local dir="$ENGINE_DIR/pg" bin pid
  [ -f "$dir/data/postmaster.pid" ] || return 0
  bin=$(pg_bin)
  pid=$(head -n 1 "$dir/data/postmaster.pid")
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 20 stop >/dev/null 2>&1 || true
  local i
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then log "PostgreSQL pid $pid still up: KILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  log "PostgreSQL pid $pid stopped"
}

status_nats() { pid_alive "$ENGINE_DIR/nats/nats.pid" && port_open "$NATS_PORT"; }
status_pg() { [ -f "$ENGINE_DIR/pg/data/postmaster.pid" ] && kill -0 "$(head -n 1 "$ENGINE_DIR/pg/data/postmaster.pid")" 2>/dev/null && port_open "$PG_PORT"; }

report() {
  if "status_$1"; then echo "$1: running"; else echo "$1: stopped"; return 1; fi
}

cmd=${1:-}; part=${2:-all}
case "$part" in all) parts="nats pg";; nats|pg) parts=$part;; *) log "unknown part: $part"; exit 2;; esac
case "$cmd" in
  start) load_env; for p in $parts; do "start_$p"; done ;;
  stop) [ -f "$ENV_FILE" ] || exit 0; . "$ENV_FILE"; for p in $parts; do "stop_$p"; done ;;
  status) [ -f "$ENV_FILE" ] || { echo "engine: not started in $ENGINE_DIR"; exit 1; }; . "$ENV_FILE"
          rc=0; for p in $parts; do report "$p" || rc=1; done; exit $rc ;;
  env) cat "$ENV_FILE" ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
