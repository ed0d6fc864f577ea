#!/usr/bin/env bash
# Starts and stops the real engine: nats-server with JetStream (one node, or a cluster of NATS_NODES
# nodes) and a PostgreSQL cluster, on 127.0.0.1 or on the project's test hosts (scripts/hosts.sh), with all
# data under $ENGINE_DIR. Processes are tracked and stopped by PID.
#
#   engine.sh start  [all|nats|pg|nats-I]  start (ports are remembered in $ENGINE_DIR/engine.env)
#   engine.sh stop   [all|nats|pg|nats-I]  stop by PID
#   engine.sh kill   nats-I                kill -9 broker node I (chaos; start it again with start)
#   engine.sh snapshot [nats|nats-I]       what a host crash leaves on disk: SIGSTOP the node (nats: every node,
#                                          all frozen before any is copied), copy its store to <node dir>/snapshot,
#                                          SIGCONT (also when the copy fails)
#   engine.sh crash  [nats|nats-I]         the host crash: kill -9 the node (nats: every node), replace its store
#                                          with the snapshot and remove the snapshot; start it again with start
#   engine.sh pause  [nats|nats-I]         SIGSTOP the node (nats: every node): a hung host, its sockets open
#   engine.sh resume [nats|nats-I]         SIGCONT it (stop also sends SIGCONT before SIGTERM)
#   engine.sh status [all|nats|pg|nats-I]  exit 0 when every asked part runs
#   engine.sh env                          print the engine.env of a started engine
#
# Environment: ENGINE_DIR (required), NATS_PORT, NATS_MONITOR_PORT, PG_PORT (defaults 14222, 18222,
# 15432; used on first start only), ENGINE_DATABASES (databases to create), PG_FAST=1 (no fsync: tests).
# A cluster: NATS_NODES=3 and, optionally, NATS_PORTS, NATS_MONITOR_PORTS, NATS_CLUSTER_PORTS (one port a
# node, space-separated; defaults count up from NATS_PORT, NATS_MONITOR_PORT and 16222). Node I is
# server_name nI, with its own store; NATS_URL is then the comma-separated list of the nodes and
# NATS_REPLICAS (what streams are replicated to) is the node count. A NATS_NODES different from the one
# in engine.env sets the broker up anew (the engine must be stopped).
# On test hosts (first start only; the hosts must be up): NATS_ON_HOSTS="H1 H2 H3" runs node I inside test host
# HI, listening on its address; PG_ON_HOST=H runs PostgreSQL inside host H. NATS_URL and PG_HOST then name
# those addresses.
set -euo pipefail

: "${ENGINE_DIR:?set ENGINE_DIR to the directory that holds the engine data}"
DATABASES=${ENGINE_DATABASES:-"tickets orders expiration transactions accounts users payments"}
ENV_FILE="$ENGINE_DIR/engine.env"
HOSTS_SH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/hosts.sh"

log() { echo "[engine] $*" >&2; }

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$dir/initdb" ] || { log "PostgreSQL server binaries not found (install: scripts/install-deps.sh)"; exit 1; }
  echo "$dir"
}

# PostgreSQL refuses to run as root: run its tools as the postgres user then.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# Where a part runs: a test host's number, or nothing for this machine (127.0.0.1).
node_host() { if [ -n "${NATS_ON_HOSTS:-}" ]; then nth "$1" "$NATS_ON_HOSTS"; fi; }
host_addr() { if [ -n "$1" ]; then "$HOSTS_SH" addr "$1"; else echo 127.0.0.1; fi; }
node_addr() { host_addr "$(node_host "$1")"; }
pg_addr() { host_addr "${PG_ON_HOST:-}"; }
# The words that run a command inside a test host (none for this machine), for an array: pre=($(inside H)).
inside() { if [ -n "$1" ]; then echo "$HOSTS_SH exec $1"; fi; }

# Waits up to 10 s for a server to listen on its port; with a PID, gives up as soon as that process is gone.
wait_port() {
  local addr=$1 port=$2 what=$3 pid=${4:-} i
  for i in $(seq 1 100); do
    port_open "$addr" "$port" && return 0
    if [ -n "$pid" ] && ! running "$pid"; then log "$what (pid $pid) exited before it opened port $port"; return 1; fi
    sleep 0.1
  done
  log "$what did not open port $port within 10 s"; return 1
}

load_env() {
  mkdir -p "$ENGINE_DIR"
  chmod 755 "$ENGINE_DIR"
  local asked=${NATS_NODES:-}
  if [ -f "$ENV_FILE" ] && [ -n "$asked" ] && ! grep -qx "NATS_NODES=$asked" "$ENV_FILE"; then
    (source_env; ! status_nats) || { log "the broker runs with other nodes: stop the engine first"; return 1; }
    # Same PostgreSQL, a broker of the asked size.
    PG_PORT=$(source_env; echo "$PG_PORT")
    rm -f "$ENV_FILE"
  fi
  if [ ! -f "$ENV_FILE" ]; then NATS_NODES=${asked:-1} write_env; fi
  source_env
}

# The engine.env of this engine; one written before clusters existed is a single node.
source_env() {
  unset NATS_NODES NATS_PORTS NATS_MONITOR_PORTS NATS_CLUSTER_PORTS NATS_ON_HOSTS PG_ON_HOST
  . "$ENV_FILE"
  NATS_NODES=${NATS_NODES:-1}
  NATS_PORTS=${NATS_PORTS:-$NATS_PORT}
  NATS_MONITOR_PORTS=${NATS_MONITOR_PORTS:-$NATS_MONITOR_PORT}
  NATS_CLUSTER_PORTS=${NATS_CLUSTER_PORTS:-}
}

write_env() {
  local nodes=${NATS_NODES:-1} port=${NATS_PORT:-14222} monitor=${NATS_MONITOR_PORT:-18222} i urls=""
  local ports=${NATS_PORTS:-} monitors=${NATS_MONITOR_PORTS:-} routes=${NATS_CLUSTER_PORTS:-}
  if [ -z "$ports" ]; then for i in $(seq 0 $((nodes - 1))); do ports="$ports $((port + i))"; done; fi
  if [ -z "$monitors" ]; then for i in $(seq 0 $((nodes - 1))); do monitors="$monitors $((monitor + i))"; done; fi
  if [ -z "$routes" ]; then for i in $(seq 0 $((nodes - 1))); do routes="$routes $((16222 + i))"; done; fi
  local n=0
  for i in $ports; do n=$((n + 1)); urls="$urls,nats://$(node_addr "$n"):$i"; done
  read -r port _ <<<"$ports"; read -r monitor _ <<<"$monitors"
  cat > "$ENV_FILE" <<EOV
NATS_NODES=$nodes
NATS_ON_HOSTS="${NATS_ON_HOSTS:-}"
PG_ON_HOST=${PG_ON_HOST:-}
NATS_PORT=$port
NATS_MONITOR_PORT=$monitor
NATS_PORTS="$(echo $ports)"
NATS_MONITOR_PORTS="$(echo $monitors)"
NATS_CLUSTER_PORTS="$(echo $routes)"
NATS_URL=${urls#,}
NATS_REPLICAS=$nodes
PG_PORT=${PG_PORT:-15432}
PG_HOST=$(pg_addr)
PG_USER=postgres
EOV
}

# A process that has exited but not been reaped yet (a zombie) is not running. The servers started here
# outlive the script and are reaped by PID 1, which on some machines takes 1-2 s: counting the zombie as
# alive made a "2 s" broker outage last 4.5 s.
running() { kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != Z ]; }
pid_alive() { [ -f "$1" ] && running "$(cat "$1")"; }

# The I-th word (1-based) of a space-separated list.
nth() { local i=$1; shift; set -- $1; eval "echo \${$i}"; }

nats_dir() { if [ "$NATS_NODES" = 1 ]; then echo "$ENGINE_DIR/nats"; else echo "$ENGINE_DIR/nats/n$1"; fi; }

# One node of a cluster: a config file of its own (server_name, cluster name, routes to every node, store).
write_node_conf() {
  local i=$1 dir=$2 routes="" p n=0 addr
  addr=$(node_addr "$i")
  for p in $NATS_CLUSTER_PORTS; do n=$((n + 1)); routes="$routes nats-route://$(node_addr "$n"):$p"; done
  cat > "$dir/nats.conf" <<EOC
server_name: n$i
listen: $addr:$(nth "$i" "$NATS_PORTS")
http: $addr:$(nth "$i" "$NATS_MONITOR_PORTS")
pid_file: "$dir/nats.pid"
log_file: "$dir/nats.log"
jetstream { store_dir: "$dir/store" }
cluster {
  name: ticketing
  listen: $addr:$(nth "$i" "$NATS_CLUSTER_PORTS")
  routes: [$(echo $routes | sed 's/ /, /g')]
}
EOC
}

start_node() {
  local i=$1 dir port addr pre
  dir=$(nats_dir "$i"); port=$(nth "$i" "$NATS_PORTS"); addr=$(node_addr "$i")
  read -r -a pre <<<"$(inside "$(node_host "$i")")"
  mkdir -p "$dir/store"
  if pid_alive "$dir/nats.pid"; then log "nats-server node $i already running"; return 0; fi
  port_open "$addr" "$port" && { log "port $port is taken by another process"; return 1; }
  command -v nats-server >/dev/null || { log "nats-server not found (install: scripts/install-deps.sh)"; return 1; }
  if [ "$NATS_NODES" = 1 ]; then
    "${pre[@]}" nats-server -a "$addr" -p "$port" -m "$NATS_MONITOR_PORT" -js -sd "$dir/store" \
      -P "$dir/nats.pid" -l "$dir/nats.log" </dev/null >"$dir/nats.out" 2>&1 &
  else
    write_node_conf "$i" "$dir"
    "${pre[@]}" nats-server -js -c "$dir/nats.conf" </dev/null >"$dir/nats.out" 2>&1 &
  fi
  wait_port "$addr" "$port" nats-server $! || { tail -n 5 "$dir/nats.out" "$dir/nats.log" >&2 2>/dev/null || true; return 1; }
  local n
  for n in $(seq 1 50); do [ -s "$dir/nats.pid" ] && break; sleep 0.1; done
  log "nats-server node $i pid $(cat "$dir/nats.pid") on nats://$addr:$port (JetStream in $dir/store)"
}

# JetStream of a cluster answers only once the nodes elected a meta leader: wait for it (30 s at most).
wait_meta_leader() {
  local monitor=$1 i
  for i in $(seq 1 300); do
    curl -fs "http://$(node_addr 1):$monitor/jsz" 2>/dev/null | grep -q '"leader"' && return 0
    sleep 0.1
  done
  log "no JetStream meta leader within 30 s (monitor port $monitor)"; return 1
}

start_nats() {
  local i
  for i in $(seq 1 "$NATS_NODES"); do start_node "$i"; done
  if [ "$NATS_NODES" != 1 ]; then wait_meta_leader "$NATS_MONITOR_PORT"; log "broker: $NATS_NODES nodes, $NATS_URL"; fi
}

stop_pidfile() {
  local pidfile=$1 what=$2 pid i
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if running "$pid"; then
    kill -CONT "$pid" 2>/dev/null || true # a paused (SIGSTOP) server would not act on TERM
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do running "$pid" || break; sleep 0.1; done
    if running "$pid"; then log "$what pid $pid ignored TERM for 10 s: KILL"; kill -KILL "$pid" 2>/dev/null || true; fi
    log "$what pid $pid stopped"
  fi
  rm -f "$pidfile"
}

stop_node() { stop_pidfile "$(nats_dir "$1")/nats.pid" "nats-server node $1"; }
stop_nats() { local i; for i in $(seq 1 "$NATS_NODES"); do stop_node "$i"; done; }

# The PID of broker node I, which must run (a paused node runs).
node_pid() {
  local pidfile
  pidfile="$(nats_dir "$1")/nats.pid"
  pid_alive "$pidfile" || { log "nats-server node $1 does not run"; return 1; }
  cat "$pidfile"
}

kill_node() {
  local pid i
  pid=$(node_pid "$1") || return 1
  kill -KILL "$pid"
  for i in $(seq 1 100); do running "$pid" || break; sleep 0.1; done
  rm -f "$(nats_dir "$1")/nats.pid"
  log "nats-server node $1 pid $pid killed (SIGKILL)"
}

# A host crash, simulated: nats-server acks a publish once it is written to the OS and fsyncs the stream
# store every 2 minutes, so the disk of a host that loses power holds less than what was acked. While the
# node is frozen (SIGSTOP) its store dir is what "the disk" holds; a copy of it, put back after a kill -9,
# is the store the node finds when the host comes back. SIGCONT always follows (trap), also on failure.
FROZEN=""
thaw_frozen() {
  local pid
  for pid in $FROZEN; do kill -CONT "$pid" 2>/dev/null || true; done
  FROZEN=""
}

snapshot_nodes() {
  local i pid dir pids=""
  for i in "$@"; do
    pid=$(node_pid "$i") || return 1
    pids="$pids $pid"
  done
  for i in "$@"; do dir=$(nats_dir "$i"); rm -rf "$dir/snapshot.tmp" "$dir/snapshot"; done
  trap thaw_frozen EXIT
  trap 'thaw_frozen; exit 130' INT TERM
  local t0 t1
  t0=$(date +%s%N)
  for pid in $pids; do FROZEN="$FROZEN $pid"; kill -STOP "$pid"; done
  for i in "$@"; do dir=$(nats_dir "$i"); cp -a "$dir/store" "$dir/snapshot.tmp"; done
  thaw_frozen
  t1=$(date +%s%N)
  trap - EXIT INT TERM
  for i in "$@"; do
    dir=$(nats_dir "$i")
    mv "$dir/snapshot.tmp" "$dir/snapshot"
    log "nats-server node $i: store copied to $dir/snapshot while frozen ($(du -sk "$dir/snapshot" | cut -f1) KiB; frozen $(( (t1 - t0) / 1000000 )) ms)"
  done
}

crash_nodes() {
  local i dir
  for i in "$@"; do
    [ -d "$(nats_dir "$i")/snapshot" ] || { log "nats-server node $i has no snapshot: take one first (snapshot nats-$i)"; return 1; }
  done
  for i in "$@"; do kill_node "$i"; done
  for i in "$@"; do
    dir=$(nats_dir "$i")
    rm -rf "$dir/store"
    mv "$dir/snapshot" "$dir/store"
    log "nats-server node $i: store replaced by its snapshot (the disk after a host crash)"
  done
}

pause_node() {
  local pid
  pid=$(node_pid "$1") || return 1
  kill -STOP "$pid"
  log "nats-server node $1 pid $pid paused (SIGSTOP)"
}

resume_node() {
  local pid
  pid=$(node_pid "$1") || return 1
  kill -CONT "$pid"
  log "nats-server node $1 pid $pid resumed (SIGCONT)"
}

pause_nats() { local i; for i in $(all_nodes); do pause_node "$i"; done; }
resume_nats() { local i rc=0; for i in $(all_nodes); do resume_node "$i" || rc=1; done; return $rc; }

snapshot_node() { snapshot_nodes "$1"; }
crash_node() { crash_nodes "$1"; }
all_nodes() { seq 1 "$NATS_NODES"; }

start_pg() {
  local dir="$ENGINE_DIR/pg" bin addr pre
  bin=$(pg_bin); addr=$(pg_addr)
  read -r -a pre <<<"$(inside "${PG_ON_HOST:-}")"
  mkdir -p "$dir/sock"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir" "$dir/sock"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    mkdir -p "$dir/data"; chmod 700 "$dir/data"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir/data"; fi
    as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  if as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then log "PostgreSQL already running"; return 0; fi
  # On a test host the clients come from the other hosts of its private subnet (trust, as on 127.0.0.1).
  local subnet="${addr%.*}.0/24"
  if [ -n "${PG_ON_HOST:-}" ] && ! grep -q "^host all all $subnet trust" "$dir/data/pg_hba.conf"; then
    echo "host all all $subnet trust" >> "$dir/data/pg_hba.conf"
  fi
  port_open "$addr" "$PG_PORT" && { log "port $PG_PORT is taken by another process"; return 1; }
  local opts="-p $PG_PORT -k $dir/sock -c listen_addresses=$addr -c max_connections=300"
  # A service cut off by the network leaves its session behind, holding its locks (the outbox relay's lock)
  # until the server learns the client is gone: TCP keepalives tell it within about 8 s of silence.
  opts="$opts -c tcp_keepalives_idle=5 -c tcp_keepalives_interval=1 -c tcp_keepalives_count=3"
  if [ "${PG_FAST:-0}" = 1 ]; then opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
  # The postmaster stays in the namespace pg_ctl starts in: the test host's, if any.
  if [ "$(id -u)" = 0 ]; then pre+=(runuser -u postgres --); fi
  "${pre[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -o "$opts" -w -t 30 start >/dev/null \
    || { tail -n 20 "$dir/pg.log" >&2; return 1; }
  local db
  for db in $DATABASES; do
    if ! psql -h "$addr" -p "$PG_PORT" -U postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
      psql -h "$addr" -p "$PG_PORT" -U postgres -qc "create database \"$db\"" >/dev/null
    fi
  done
  log "PostgreSQL pid $(head -n 1 "$dir/data/postmaster.pid") on $addr:$PG_PORT (databases: $DATABASES)"
}

stop_pg() {
  local dir="$ENGINE_DIR/pg" bin pid
  [ -f "$dir/data/postmaster.pid" ] || return 0
  bin=$(pg_bin)
  pid=$(head -n 1 "$dir/data/postmaster.pid")
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 20 stop >/dev/null 2>&1 || true
  local i
  for i in $(seq 1 50); do running "$pid" || break; sleep 0.1; done
  if running "$pid"; then log "PostgreSQL pid $pid still up: KILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  log "PostgreSQL pid $pid stopped"
}

status_node() { pid_alive "$(nats_dir "$1")/nats.pid" && port_open "$(node_addr "$1")" "$(nth "$1" "$NATS_PORTS")"; }
status_nats() { local i; for i in $(seq 1 "$NATS_NODES"); do status_node "$i" || return 1; done; }
status_pg() { [ -f "$ENGINE_DIR/pg/data/postmaster.pid" ] && running "$(head -n 1 "$ENGINE_DIR/pg/data/postmaster.pid")" && port_open "$(pg_addr)" "$PG_PORT"; }

report() {
  if "status_$1"; then echo "$1: running"; else echo "$1: stopped"; return 1; fi
}

report_part() {
  case "$1" in
    nats-*) if status_node "${1#nats-}"; then echo "$1: running"; else echo "$1: stopped"; return 1; fi ;;
    nats) if [ "$NATS_NODES" = 1 ]; then report nats; else
            local i rc=0; for i in $(seq 1 "$NATS_NODES"); do report_part "nats-$i" || rc=1; done; return $rc; fi ;;
    *) report "$1" ;;
  esac
}

# What to do with one part: nats-I is one node of the broker.
on_part() {
  local action=$1 part=$2
  case "$part" in
    nats-*) local i=${part#nats-}
            [[ "$i" =~ ^[0-9]+$ ]] && [ "$i" -ge 1 ] && [ "$i" -le "$NATS_NODES" ] || { log "no broker node $i"; exit 2; }
            "${action}_node" "$i" ;;
    *) [ "$action" != kill ] || { log "kill takes one broker node: nats-I"; exit 2; }
       case "$action" in pause|resume) [ "$part" = nats ] || { log "$action takes the broker: nats or nats-I"; exit 2; } ;; esac
       case "$action" in snapshot|crash) [ "$part" = nats ] || { log "$action takes the broker: nats or nats-I"; exit 2; }
                                         "${action}_nodes" $(all_nodes); return ;; esac
       "${action}_$part" ;;
  esac
}

cmd=${1:-}; part=${2:-all}
case "$part" in all) parts="nats pg";; nats|pg|nats-[0-9]*) parts=$part;; *) log "unknown part: $part"; exit 2;; esac
case "$cmd" in
  start) load_env; for p in $parts; do on_part start "$p"; done ;;
  stop) [ -f "$ENV_FILE" ] || exit 0; source_env; for p in $parts; do on_part stop "$p"; done ;;
  kill) [ -f "$ENV_FILE" ] || exit 1; source_env; on_part kill "$part" ;;
  snapshot|crash|pause|resume) [ -f "$ENV_FILE" ] || exit 1; source_env; [ "$part" != all ] || part=nats; on_part "$cmd" "$part" ;;
  status) [ -f "$ENV_FILE" ] || { echo "engine: not started in $ENGINE_DIR"; exit 1; }; source_env
          rc=0; for p in $parts; do report_part "$p" || rc=1; done; exit $rc ;;
  env) cat "$ENV_FILE" ;;
  *) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 2 ;;
esac
