#!/usr/bin/env bash
# Installs what the build, the engine, the gateway (nginx), the bench (wrk; pgbench comes with postgresql-client) and
# the browser test of the web client (chromium, chromium-driver) and the proof's clock step (faketime: libfaketime,
# preloaded into one service JVM) and the test hosts' network faults (nftables, iproute2: scripts/hosts.sh) need,
# with apt, only where it is missing.
set -euo pipefail
need=()
command -v java >/dev/null && command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
command -v nats-server >/dev/null || need+=(nats-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v psql >/dev/null && command -v pgbench >/dev/null || need+=(postgresql-client)
command -v curl >/dev/null || need+=(curl)
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
ls /usr/lib/*/faketime/libfaketime.so.1 >/dev/null 2>&1 || need+=(faketime)
command -v nft >/dev/null || need+=(nftables)
command -v ip >/dev/null || need+=(iproute2)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then echo "missing: ${need[*]} (run as root to install them)" >&2; exit 1; fi
echo "[install] apt-get install ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}" >/dev/null
