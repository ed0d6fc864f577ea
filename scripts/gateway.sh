#!/usr/bin/env bash
# The one origin: nginx on one port in front of every service, by path (/api/<service> -> its replicas).
#
#   gateway.sh start DIR LISTEN SERVICE=HOST:PORT[,HOST:PORT...] ...   write DIR/nginx.conf, start nginx
#   gateway.sh stop DIR                                                 stop it by PID
#   gateway.sh status DIR                                               exit 0 when it runs
#
# LISTEN is an nginx listen address, e.g. 127.0.0.1:8080. A route named `web` is the web client: every path
# that is not /api/... goes to it. Without one, GATEWAY_WEB_ROOT (a directory of static assets, index.html
# for any other path) is served at /, or else / answers with the API list.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { echo "[gateway] $*" >&2; }

pid_alive() { [ -f "$1/nginx.pid" ] && kill -0 "$(cat "$1/nginx.pid")" 2>/dev/null; }

upstreams() {
  local route name servers server
  for route in "$@"; do
    name=${route%%=*}; servers=${route#*=}
    echo "    upstream $name {"
    for server in ${servers//,/ }; do echo "        server $server max_fails=1 fail_timeout=2s;"; done
    echo "        keepalive 32;"
    echo "    }"
  done
}

locations() {
  local route name
  for route in "$@"; do
    name=${route%%=*}
    [ "$name" = web ] && continue
    echo "        location ~ ^/api/$name(/|\$) { proxy_pass http://$name; }"
  done
}

web() {
  local route
  for route in "$@"; do
    # Server-sent events pass through unbuffered (proxy_buffering is off for the whole server).
    if [ "${route%%=*}" = web ]; then echo "            proxy_pass http://web;"; return; fi
  done
  if [ -n "${GATEWAY_WEB_ROOT:-}" ]; then
    echo "            root $GATEWAY_WEB_ROOT;"
    echo "            try_files \$uri /index.html;"
  else
    local apis
    apis=$(for route in "$@"; do [ "${route%%=*}" = web ] || printf '"/api/%s",' "${route%%=*}"; done)
    echo "            default_type application/json;"
    echo "            return 200 '{\"apis\":[${apis%,}]}';"
  fi
}

render() {
  local dir=$1 listen=$2; shift 2
  local template
  template=$(<"$ROOT/gateway/nginx.conf")
  template=${template//@DIR@/$dir}
  template=${template//@LISTEN@/$listen}
  template=${template//@UPSTREAMS@/$(upstreams "$@")}
  template=${template//@LOCATIONS@/$(locations "$@")}
  template=${template//@WEB@/$(web "$@")}
  printf '%s\n' "$template" > "$dir/nginx.conf"
}

start() {
  local dir=$1 listen=$2 i; shift 2
  [ $# -gt 0 ] || { log "no SERVICE=HOST:PORT routes given"; exit 2; }
  if pid_alive "$dir"; then log "already running (pid $(cat "$dir/nginx.pid"))"; return 0; fi
  command -v nginx >/dev/null || { log "nginx not found (install: scripts/install-deps.sh)"; exit 1; }
  mkdir -p "$dir/tmp"
  chmod 777 "$dir/tmp" # nginx workers may run as another user when started by root
  render "$dir" "$listen" "$@"
  nginx -q -t -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log"
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log"
  for i in $(seq 1 100); do
    if pid_alive "$dir" && curl -fs "http://$listen/gateway/health" >/dev/null 2>&1; then
      log "nginx pid $(cat "$dir/nginx.pid") on http://$listen"; return 0
    fi
    sleep 0.1
  done
  log "nginx did not answer on $listen within 10 s; see $dir/error.log"; exit 1
}

stop() {
  local dir=$1 pid i
  pid_alive "$dir" || { rm -f "$dir/nginx.pid"; return 0; }
  pid=$(cat "$dir/nginx.pid")
  kill -QUIT "$pid"
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -TERM "$pid"
  log "nginx (pid $pid) stopped"
}

case "${1:-}" in
  start) shift; [ $# -ge 2 ] || { sed -n 4,6p "$0"; exit 2; }; start "$@" ;;
  stop) stop "${2:?DIR}" ;;
  status) pid_alive "${2:?DIR}" ;;
  *) sed -n 2,10p "$0"; exit 2 ;;
esac
