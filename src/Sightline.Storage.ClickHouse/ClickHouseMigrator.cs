using Microsoft.Extensions.Logging;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// Brings the database to the schema steps' state. Never leaves a state that needs a person: a step is recorded in
/// the ledger only after all its statements succeeded, and every statement may run again, so a crash, a lost
/// connection or a failing statement half way through a step just means the step runs again, whole, on the next
/// start. Nodes starting at once may run the same step together; ClickHouse serializes DDL on one table, the
/// second <c>IF NOT EXISTS</c> finds the table there, and the ledger keeps one row per step name.
/// </summary>
internal sealed class ClickHouseMigrator(ClickHouseClient client, ClickHouseDdl ddl, IReadOnlyList<ClickHouseStep> steps, TimeProvider time, ILogger logger)
{
    public string LastStep => steps[^1].Name;

    public async Task ApplyAsync(CancellationToken ct)
    {
        await EnsureDatabaseAsync(ct);
        await RefuseForeignTablesAsync(ct);
        await client.ExecuteAsync(ClickHouseSchema.LedgerSql(ddl), null, ct);
        var applied = await AppliedStepsAsync(ct);
        foreach (var step in steps)
        {
            if (applied.Contains(step.Name))
            {
                continue;
            }

            foreach (var statement in step.Statements)
            {
                await client.ExecuteAsync(statement, null, ct);
            }

            await client.InsertAsync(ClickHouseSchema.Ledger, "name, applied_at", [step.Name], (writer, name) =>
            {
                writer.WriteStartObject();
                writer.WriteString("name", name);
                writer.WriteString("applied_at", ClickHouseText.Time(time.GetUtcNow().UtcDateTime));
                writer.WriteEndObject();
            }, ct);
            logger.SchemaStepApplied(step.Name);
        }
    }

    public async Task<HashSet<string>> AppliedStepsAsync(CancellationToken ct)
    {
        var names = await client.QueryAsync($"SELECT DISTINCT name FROM {ClickHouseSchema.Ledger}", null, r => r.String(0), ct);
        return names.ToHashSet(StringComparer.Ordinal);
    }

    // An operator moving a Langfuse deployment's environment over may point CLICKHOUSE_DB at Langfuse's database,
    // whose traces, observations and scores tables carry nearly the same columns but sort by the day of the timestamp
    // too, so replacement would not work as reads here assume. IF NOT EXISTS would silently adopt them.
    private async Task RefuseForeignTablesAsync(CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var foreign = await client.QueryAsync(
            $"SELECT name, sorting_key FROM system.tables WHERE database = {p.Add(ddl.Database)} AND name IN ({p.Add(ClickHouseSchema.DataTables)}) ORDER BY name",
            p, r => (Name: r.String(0), Key: r.String(1)), ct, inDatabase: false);
        var others = foreign.Where(t => t.Key != ClickHouseSchema.SortingKey).ToList();
        if (others.Count > 0)
        {
            throw new ClickHouseException(null,
                $"the database '{ddl.Database}' already holds {string.Join(", ", others.Select(t => $"a table '{t.Name}' sorted by ({t.Key})"))}, which Sightline did not create (a Langfuse database?); "
                + "give Sightline a database of its own with CLICKHOUSE_DB");
        }
    }

    // Checked before creating: a user allowed to use an existing database may lack the right to create one, and
    // CREATE DATABASE IF NOT EXISTS checks that right even when the database exists.
    private async Task EnsureDatabaseAsync(CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var exists = await client.QueryAsync($"SELECT count() FROM system.databases WHERE name = {p.Add(ddl.Database)}", p, r => r.Long(0), ct, inDatabase: false);
        if (exists[0] == 0)
        {
            await client.ExecuteAsync(ddl.CreateDatabase(), null, ct, inDatabase: false);
            logger.DatabaseCreated(ddl.Database);
        }
    }
}
