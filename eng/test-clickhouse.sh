#!/usr/bin/env bash
# Starts a throwaway ClickHouse endpoint on a free loopback port for the test suite: tests/clickhouse-front, a small
# Node server that answers ClickHouse's HTTP interface from chDB (the ClickHouse engine as a library, from npm), so
# the suite needs no ClickHouse server package. Installs the front's pinned npm packages when they are missing.
# Prints the endpoint's URL on stdout; logs go to stderr and <dir>/front.log. Stop it with: eng/test-clickhouse.sh stop <dir>
#   eng/test-clickhouse.sh start <dir>
set -euo pipefail
command=${1:?usage: eng/test-clickhouse.sh start|stop <dir>}
dir=${2:?usage: eng/test-clickhouse.sh start|stop <dir>}
front=$(cd "$(dirname "$0")/../tests/clickhouse-front" && pwd)

case $command in
  stop)
    if [[ -f $dir/pid ]]; then
      pid=$(cat "$dir/pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$dir/pid"
    fi
    exit 0
    ;;
  start) ;;
  *) echo "unknown command $command" >&2; exit 2 ;;
esac

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "node and npm are needed for the ClickHouse test endpoint (test.sh installs them with the JavaScript SDK step)." >&2
  exit 1
fi

# npm writes node_modules/.package-lock.json on every install: older than the lock file means stale packages.
if [[ ! -f $front/node_modules/.package-lock.json || $front/package-lock.json -nt $front/node_modules/.package-lock.json ]]; then
  echo "Installing the ClickHouse test endpoint's packages (npm ci in tests/clickhouse-front)..." >&2
  (cd "$front" && npm ci --no-audit --no-fund >&2)
fi

mkdir -p "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
nohup node "$front/server.mjs" --port "$port" --data "$dir/data" >"$dir/front.log" 2>&1 </dev/null &
echo $! > "$dir/pid"

url="http://127.0.0.1:$port"
for _ in $(seq 300); do
  if python3 -c "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('$url/ping', timeout=1).read() == b'Ok.\n' else 1)" 2>/dev/null; then
    echo "$url"
    exit 0
  fi
  if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    echo "The ClickHouse test endpoint exited during start:" >&2
    cat "$dir/front.log" >&2
    exit 1
  fi
  sleep 0.1
done
echo "The ClickHouse test endpoint did not answer /ping within 30 seconds:" >&2
cat "$dir/front.log" >&2
exit 1
