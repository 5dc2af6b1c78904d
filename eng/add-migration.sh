#!/usr/bin/env bash
# Adds an EF Core migration to both metadata providers. SQLite (embedded profile) also gets what ships with it:
# the migration's SQL script (applied at start without EF's migrator) and the compiled model. PostgreSQL (scale
# profile) applies its migrations with EF's migrator.
#   eng/add-migration.sh <MigrationName>
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: eng/add-migration.sh <MigrationName>}
project=src/Sightline.Storage.Sqlite
dotnet tool restore >/dev/null
previous=$(ls "$project"/Migrations/*_*.cs | grep -v Designer | sed -E 's|.*/([0-9]+_[A-Za-z0-9]+)\.cs|\1|' | sort | tail -n 1 || true)
dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
id=$(ls "$project"/Migrations/*_"$name".cs | sed -E 's|.*/([0-9]+_[A-Za-z0-9]+)\.cs|\1|')
dotnet ef migrations script "${previous:-0}" "$id" --project "$project" --startup-project "$project" \
  -o "$project/Migrations/Sql/$id.sql"
dotnet ef dbcontext optimize --project "$project" --startup-project "$project" \
  --output-dir CompiledModel --namespace Sightline.Storage.Sqlite.CompiledModel
dotnet ef migrations add "$name" --project src/Sightline.Storage.Postgres --startup-project src/Sightline.Storage.Postgres --output-dir Migrations
echo "Added $id; run ./test.sh (Sightline.Storage.Tests checks script, snapshots and compiled model agree with the model)."
