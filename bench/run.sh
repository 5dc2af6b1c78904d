#!/usr/bin/env bash
# Runs a benchmark and writes its section of docs/benchmarks.md.
#   bench/run.sh startup [runs]   start-up time and idle memory, against the floor app
#   bench/run.sh ingest [seconds] [clients]   ingestion throughput, latency, peak memory and ingest→queryable, against the floor app
#   bench/run.sh ingest-scale [seconds] [clients]   the same load on the scale profile (one web and one worker process on
#                                 PostgreSQL, ClickHouse, Redis and S3 started for the run by eng/test-*.sh), with a raw
#                                 ClickHouse insert baseline and the embedded profile in the same run
#   bench/run.sh prompts [seconds]   prompt fetch latency at 2,000 requests/s, alone and under ingestion load, against the floor app
#   bench/run.sh worker [batches] [records per batch]   the ingestion worker alone, in process: events/s into an empty store as it grows
#   bench/run.sh reads [traces]   read API p50/p95 and server memory on generated stores of a tenth of [traces] and of [traces]
#                                 (default 1,000,000, 10 observations each); the data is generated once into bench/.data/
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Sightline.slnx -c Release -nologo -clp:ErrorsOnly
exec dotnet artifacts/bin/Sightline.Bench/release/Sightline.Bench.dll "$@"
