#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on a free loopback port for the test suite, installing PostgreSQL from
# Debian's packages when it is missing. Prints the admin connection string (Npgsql keyword form) on stdout;
# logs go to stderr. Stop it with: eng/test-postgres.sh stop <dir>
#   eng/test-postgres.sh start <dir>
set -euo pipefail
command=${1:?usage: eng/test-postgres.sh start|stop <dir>}
dir=${2:?usage: eng/test-postgres.sh start|stop <dir>}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
case $command in
  stop)
    [[ -n $bin && -f $dir/data/postmaster.pid ]] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >&2 || true
    exit 0
    ;;
  start) ;;
  *) echo "unknown command $command" >&2; exit 2 ;;
esac

if [[ -z $bin ]]; then
  echo "Installing PostgreSQL (apt-get install postgresql)..." >&2
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

mkdir -p "$dir"
password=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf '%s\n' "$password" > "$dir/pwfile"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
[[ $(id -u) -eq 0 ]] && chown -R postgres "$dir"
as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$dir/pwfile" -E UTF8 --locale=C.UTF-8 >&2
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2
echo "Host=127.0.0.1;Port=$port;Username=postgres;Password=$password"
