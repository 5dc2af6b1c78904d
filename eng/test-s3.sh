#!/usr/bin/env bash
# Starts a throwaway S3-compatible server (the npm package s3rver, pinned in tests/s3) on a free loopback port for
# the test suite. Prints the endpoint URL on stdout; logs go to <dir>/s3rver.log. Access key and secret are both
# S3RVER (s3rver's fixed credentials); tests create their own buckets. Stop it with: eng/test-s3.sh stop <dir>
#   eng/test-s3.sh start <dir>
set -euo pipefail
command=${1:?usage: eng/test-s3.sh start|stop <dir>}
dir=${2:?usage: eng/test-s3.sh start|stop <dir>}
root=$(cd "$(dirname "$0")/.." && pwd)

case $command in
  stop)
    if [[ -f $dir/pid ]]; then kill "$(cat "$dir/pid")" 2>/dev/null || true; rm -f "$dir/pid"; fi
    exit 0
    ;;
  start) ;;
  *) echo "unknown command $command" >&2; exit 2 ;;
esac

if [[ ! -f $root/tests/s3/node_modules/.package-lock.json || $root/tests/s3/package-lock.json -nt $root/tests/s3/node_modules/.package-lock.json ]]; then
  (cd "$root/tests/s3" && npm ci --no-audit --no-fund >&2)
fi

mkdir -p "$dir/data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
nohup node "$root/tests/s3/node_modules/s3rver/bin/s3rver.js" -d "$dir/data" -a 127.0.0.1 -p "$port" --silent --no-vhost-buckets \
  >"$dir/s3rver.log" 2>&1 &
echo $! > "$dir/pid"
for _ in $(seq 1 100); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
    echo "http://127.0.0.1:$port"
    exit 0
  fi
  kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
  sleep 0.1
done
echo "s3rver did not start; its log:" >&2
cat "$dir/s3rver.log" >&2
exit 1
