#!/usr/bin/env bash
# Starts a throwaway Redis server on a free loopback port for the test suite, installing redis-server from Debian's
# packages when it is missing. Configured as an operator should run Redis under Sightline's work queue: append-only
# file with fsync on every write and maxmemory-policy noeviction, so a restart loses no acknowledged entry.
# Prints the redis:// URL on stdout; logs go to <dir>/redis.log.
#   eng/test-redis.sh start <dir>     eng/test-redis.sh stop <dir>     eng/test-redis.sh restart <dir>
set -euo pipefail
command=${1:?usage: eng/test-redis.sh start|stop|restart <dir>}
dir=${2:?usage: eng/test-redis.sh start|stop|restart <dir>}

stop() {
  if [[ -f $dir/redis.pid ]]; then
    local pid; pid=$(cat "$dir/redis.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    rm -f "$dir/redis.pid"
  fi
}

run() {
  redis-server "$dir/redis.conf" >&2
  for _ in $(seq 1 100); do
    if redis-cli -h 127.0.0.1 -p "$(cat "$dir/port")" ping 2>/dev/null | grep -q PONG; then return 0; fi
    sleep 0.05
  done
  echo "redis-server did not start; its log:" >&2
  cat "$dir/redis.log" >&2
  return 1
}

case $command in
  stop) stop; exit 0 ;;
  restart) stop; run; exit 0 ;;
  start) ;;
  *) echo "unknown command $command" >&2; exit 2 ;;
esac

if ! command -v redis-server >/dev/null; then
  echo "Installing Redis (apt-get install redis-server)..." >&2
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq redis-server >&2
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "$port" > "$dir/port"
cat > "$dir/redis.conf" <<CONF
bind 127.0.0.1
port $port
dir $dir
daemonize yes
pidfile $dir/redis.pid
logfile $dir/redis.log
save ""
appendonly yes
appendfsync always
maxmemory-policy noeviction
CONF
run
echo "redis://127.0.0.1:$port"
