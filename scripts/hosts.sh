#!/usr/bin/env bash
# The project's own test hosts on one machine: Linux network namespaces on a private bridge, each with an
# address of its own, and network faults between them (nftables rules inside the hosts' own namespaces).
# Needs root. Every name it makes starts with $HOSTS_PREFIX, and it touches nothing outside its subnet:
# rules live only in its namespaces, and the machine's own tables are never changed.
#
#   hosts.sh up N               hosts 1..N (a namespace each, a veth pair on the bridge); idempotent
#   hosts.sh addr I             host I's address (I = 0: this machine's address on the bridge)
#   hosts.sh ns I               host I's namespace name
#   hosts.sh exec I CMD...      run CMD inside host I (exec: the PID is CMD's)
#   hosts.sh cut A B [PORT]     host A and host B no longer reach each other; with PORT only A's connections
#                               to B's TCP PORT (A may equal B: A's own processes lose that local port).
#                               Host 0 (this machine) can be B, not A: its rules would be the machine's own
#   hosts.sh heal [A B]         undo the cuts between A and B (made from either side), or every cut
#   hosts.sh cuts               list the cuts in force
#   hosts.sh down               kill what still runs inside the hosts, delete the namespaces, veths and bridge
#   hosts.sh list               the hosts that exist
#
# Environment: HOSTS_PREFIX (default tkt), HOSTS_SUBNET (first three octets, default 10.231.0): host I is
# $HOSTS_SUBNET.(10+I), the bridge $HOSTS_SUBNET.1. There is no delay or loss injection: tc netem is not
# available in this kernel, so a fault is a cut (packets dropped) or nothing. One set of hosts per machine at a
# time: the tests and `./ticketing proof --hosts` each start with `down`.
set -euo pipefail

PREFIX=${HOSTS_PREFIX:-tkt}
SUBNET=${HOSTS_SUBNET:-10.231.0}
BRIDGE="${PREFIX}br0"
MAX_HOSTS=20

log() { echo "[hosts] $*" >&2; }
die() { log "$*"; exit 2; }

number() { [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -le "$MAX_HOSTS" ] || die "not a host number (0-$MAX_HOSTS): $1"; }
ns() { echo "${PREFIX}-h$1"; }
addr() { number "$1"; if [ "$1" = 0 ]; then echo "$SUBNET.1"; else echo "$SUBNET.$((10 + $1))"; fi; }
exists() { ip netns list | awk '{print $1}' | grep -qx "$(ns "$1")"; }
need_host() { number "$1"; [ "$1" != 0 ] || die "host 0 is this machine"; exists "$1" || die "no host $1 (hosts.sh up)"; }
nft_in() { ip netns exec "$(ns "$1")" nft "${@:2}"; }

up() {
  local n=$1 i name
  number "$n"
  command -v nft >/dev/null || die "nft not found (install: scripts/install-deps.sh)"
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$SUBNET.1/24" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
  for i in $(seq 1 "$n"); do
    name=$(ns "$i")
    exists "$i" && continue
    ip netns add "$name"
    ip link add "$name-a" type veth peer name "$name-b"
    ip link set "$name-a" master "$BRIDGE" up
    ip link set "$name-b" netns "$name"
    ip -n "$name" link set "$name-b" name eth0
    ip -n "$name" addr add "$(addr "$i")/24" dev eth0
    ip -n "$name" link set eth0 up
    ip -n "$name" link set lo up
    ip -n "$name" route add default via "$SUBNET.1"
    nft_in "$i" -f - <<EOF
table inet $PREFIX {
  chain input { type filter hook input priority 0; policy accept; }
  chain output { type filter hook output priority 0; policy accept; }
}
EOF
    log "host $i: $name at $(addr "$i")"
  done
}

# Rules are tagged with a comment naming the pair, so heal finds them in both hosts.
tag() { local a=$1 b=$2; [ "$a" -le "$b" ] && echo "cut-$a-$b" || echo "cut-$b-$a"; }

drop_in() {
  local host=$1 peer=$2 port=$3 tag=$4 peer_addr
  peer_addr=$(addr "$peer")
  if [ -n "$port" ]; then
    nft_in "$host" add rule inet "$PREFIX" output ip daddr "$peer_addr" tcp dport "$port" drop comment "\"$tag\""
    nft_in "$host" add rule inet "$PREFIX" input ip saddr "$peer_addr" tcp sport "$port" drop comment "\"$tag\""
  else
    nft_in "$host" add rule inet "$PREFIX" output ip daddr "$peer_addr" drop comment "\"$tag\""
    nft_in "$host" add rule inet "$PREFIX" input ip saddr "$peer_addr" drop comment "\"$tag\""
  fi
}

cut() {
  local a=$1 b=$2 port=${3:-}
  need_host "$a"; number "$b"; [ "$b" = 0 ] || need_host "$b"
  [ -z "$port" ] || [[ "$port" =~ ^[0-9]+$ ]] || die "not a port: $port"
  [ -n "$port" ] || [ "$a" != "$b" ] || die "a host cannot be cut from itself (give a port)"
  drop_in "$a" "$b" "$port" "$(tag "$a" "$b")"
  # Without a port both sides drop; host 0 keeps its (the machine's) tables untouched.
  if [ -z "$port" ] && [ "$b" != 0 ]; then drop_in "$b" "$a" "" "$(tag "$a" "$b")"; fi
  log "cut: host $a / host $b${port:+ port $port}"
}

delete_tagged() {
  local host=$1 pattern=$2 chain handle
  for chain in input output; do
    for handle in $(nft_in "$host" -a list chain inet "$PREFIX" "$chain" | grep -E "comment \"$pattern\"" | sed -E 's/.*# handle ([0-9]+).*/\1/'); do
      nft_in "$host" delete rule inet "$PREFIX" "$chain" handle "$handle"
    done
  done
}

heal() {
  local i pattern="cut-[0-9]+-[0-9]+"
  if [ $# -ge 2 ]; then number "$1"; number "$2"; pattern=$(tag "$1" "$2"); fi
  for i in $(hosts); do delete_tagged "$i" "$pattern"; done
  log "healed${1:+ host $1 / host ${2:-}}"
}

hosts() { ip netns list | awk '{print $1}' | sed -n "s/^${PREFIX}-h\([0-9]\+\)$/\1/p" | sort -n; }

cuts() {
  local i
  for i in $(hosts); do
    nft_in "$i" list table inet "$PREFIX" | grep -oE 'comment "cut-[0-9]+-[0-9]+"' | sort -u | sed "s/^/host $i: /"
  done
}

down() {
  local i name pid
  for i in $(hosts); do
    name=$(ns "$i")
    for pid in $(ip netns pids "$name" 2>/dev/null); do kill -CONT "$pid" 2>/dev/null || true; kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$name"
    ip link del "$name-a" 2>/dev/null || true
    log "host $i removed"
  done
  if ip link show "$BRIDGE" >/dev/null 2>&1; then ip link del "$BRIDGE"; log "bridge $BRIDGE removed"; fi
}

cmd=${1:-}
shift || true
case "$cmd" in
  up) [ $# = 1 ] || die "usage: hosts.sh up N"; up "$1" ;;
  addr) [ $# = 1 ] || die "usage: hosts.sh addr I"; addr "$1" ;;
  ns) [ $# = 1 ] || die "usage: hosts.sh ns I"; number "$1"; ns "$1" ;;
  exec) [ $# -ge 2 ] || die "usage: hosts.sh exec I CMD..."; need_host "$1"; name=$(ns "$1"); shift; exec ip netns exec "$name" "$@" ;;
  cut) [ $# = 2 ] || [ $# = 3 ] || die "usage: hosts.sh cut A B [PORT]"; cut "$@" ;;
  heal) [ $# = 0 ] || [ $# = 2 ] || die "usage: hosts.sh heal [A B]"; heal "$@" ;;
  cuts) cuts ;;
  down) down ;;
  list) for i in $(hosts); do echo "$i $(ns "$i") $(addr "$i")"; done ;;
  *) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; [ -z "$cmd" ] || [ "$cmd" = help ] || exit 2 ;;
esac
