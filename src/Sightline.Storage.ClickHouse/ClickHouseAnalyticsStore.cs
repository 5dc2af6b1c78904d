using Microsoft.Extensions.Logging;
using Sightline.Health;
using Sightline.Tracing;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// Traces, observations and scores of the scale profile in ClickHouse ReplacingMergeTree tables.
/// <para>
/// A write appends each row with a newer <c>event_ts</c>; older versions of the key disappear when ClickHouse merges
/// parts in the background, whenever that happens. Reads must therefore never see them, and every read here uses
/// FINAL, which merges the versions of each key at query time. Measured against the alternative, one argMax per key
/// (table in docs/configuration.md, script in tests/clickhouse-front/measure-final.mjs): on 300,000 observation rows
/// over 240,000 keys, key lookups cost about the same either way while merges keep up, but argMax has to aggregate
/// every key of the project before it can sort or count, so the newest 50 rows took 5-8 seconds instead of
/// 30-650 milliseconds. Only with hundreds of unmerged parts was argMax faster, for single keys. argMax also skips
/// NULL values of Nullable columns, so it returns an older non-null value where the newest row holds NULL unless
/// every column is wrapped in a tuple.
/// </para>
/// <para>
/// FINAL cannot use data-skipping indexes, so a read filtered on a column outside the sorting key (a trace's
/// observations, by trace_id) first finds candidate ids without FINAL, through the index, and reads only those keys
/// with FINAL, checking the condition again on the merged row.
/// </para>
/// <para>
/// A batch is three INSERTs: traces, then observations, then scores. ClickHouse has no transaction across tables, so
/// the trace tree is read in the reverse order (scores, observations, trace): whatever batch the observations show,
/// the trace read after them is at least that new.
/// </para>
/// </summary>
internal sealed class ClickHouseAnalyticsStore(ClickHouseClient client, ClickHouseMigrator migrator, VersionClock clock, ILogger<ClickHouseAnalyticsStore> logger)
    : IAnalyticsWriter, ITraceQueries, IStorageInitializer, IHealthProbe
{
    string IStorageInitializer.Name => "clickhouse analytics";

    string IHealthProbe.Name => "analytics";

    public async Task InitializeAsync(CancellationToken ct)
    {
        var version = await client.ServerVersionAsync(ct);
        if (ClickHouseVersion.Problem(version) is { } problem)
        {
            throw new ClickHouseException(null, problem);
        }

        var options = client.Options;
        logger.Connected(version, options.DisplayUrl, options.Database, options.ClusterEnabled ? $" on cluster {options.ClusterName}" : "");
        await migrator.ApplyAsync(ct);
    }

    public async Task<string?> CheckAsync(CancellationToken ct)
    {
        try
        {
            var applied = await migrator.AppliedStepsAsync(ct);
            return applied.Contains(migrator.LastStep) ? null : "Analytics store not initialized";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.HealthCheckFailed(ex);
            return "Analytics store not available";
        }
    }

    public async Task WriteAsync(AnalyticsBatch batch, CancellationToken ct)
    {
        if (batch.IsEmpty)
        {
            return;
        }

        // ReplacingMergeTree keeps one of two rows with the same version without saying which; a batch may carry a
        // key twice (replayed events), and the later row is the newer merge.
        var version = clock.Next();
        await client.InsertAsync(ClickHouseTables.Traces.Name, ClickHouseTables.Traces.InsertList,
            LastPerKey(batch.Traces, t => new EntityKey(t.ProjectId, t.Id)), (w, t) => TraceRows.Write(w, t, version), ct);
        await client.InsertAsync(ClickHouseTables.Observations.Name, ClickHouseTables.Observations.InsertList,
            LastPerKey(batch.Observations, o => new EntityKey(o.ProjectId, o.Id)), (w, o) => ObservationRows.Write(w, o, version), ct);
        await client.InsertAsync(ClickHouseTables.Scores.Name, ClickHouseTables.Scores.InsertList,
            LastPerKey(batch.Scores, s => new EntityKey(s.ProjectId, s.Id)), (w, s) => ScoreRows.Write(w, s, version), ct);
        // Deleted scores are never keys of the batch's scores, so their tombstones (key-only rows, is_deleted = 1) can
        // share its version. A tombstone for a score that does not exist hides nothing.
        await client.InsertAsync(ClickHouseTables.Scores.Name, "project_id, id, event_ts, is_deleted", batch.DeletedScores.Distinct().ToList(), (w, key) =>
        {
            w.WriteStartObject();
            w.WriteString("project_id", key.ProjectId);
            w.WriteString("id", key.Id);
            w.WriteString("event_ts", version);
            w.WriteNumber("is_deleted", 1);
            w.WriteEndObject();
        }, ct);
    }

    private static List<T> LastPerKey<T>(IReadOnlyList<T> rows, Func<T, EntityKey> key)
    {
        var index = new Dictionary<EntityKey, int>(rows.Count);
        var unique = new List<T>(rows.Count);
        foreach (var row in rows)
        {
            if (index.TryGetValue(key(row), out var at))
            {
                unique[at] = row;
            }
            else
            {
                index[key(row)] = unique.Count;
                unique.Add(row);
            }
        }

        return unique;
    }

    public Task<IReadOnlyList<TraceRecord>> GetTracesAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) =>
        ReadByKeysAsync(ClickHouseTables.Traces, keys, TraceRows.Read, ct);

    public Task<IReadOnlyList<ObservationRecord>> GetObservationsAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) =>
        ReadByKeysAsync(ClickHouseTables.Observations, keys, ObservationRows.Read, ct);

    public Task<IReadOnlyList<ScoreRecord>> GetScoresAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) =>
        ReadByKeysAsync(ClickHouseTables.Scores, keys, ScoreRows.Read, ct);

    // One query per project and URL-sized piece of ids (a worker batch is usually one project, one piece); the ids
    // select sorting-key ranges, so FINAL merges only those keys' rows.
    private async Task<IReadOnlyList<T>> ReadByKeysAsync<T>(ClickHouseTable table, IReadOnlyCollection<EntityKey> keys, Func<ClickHouseRow, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        foreach (var (projectId, ids) in IdChunks.ByProject(keys))
        {
            var p = new ClickHouseParameters();
            rows.AddRange(await client.QueryAsync(
                $"SELECT {table.SelectList} FROM {table.Name} FINAL WHERE project_id = {p.Add(projectId)} AND id IN ({p.Add(ids)})", p, read, ct));
        }

        return rows;
    }

    public async Task<TraceRecord?> GetTraceAsync(string projectId, string traceId, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var rows = await client.QueryAsync(
            $"SELECT {ClickHouseTables.Traces.SelectList} FROM traces FINAL WHERE project_id = {p.Add(projectId)} AND id = {p.Add(traceId)}",
            p, TraceRows.Read, ct);
        return rows.Count > 0 ? rows[0] : null;
    }

    public Task<IReadOnlyList<ObservationRecord>> GetObservationsOfTraceAsync(string projectId, string traceId, CancellationToken ct) =>
        ObservationsOfTraceAsync(projectId, traceId, window: null, ct);

    private async Task<IReadOnlyList<ObservationRecord>> ObservationsOfTraceAsync(string projectId, string traceId, (DateTime From, DateTime To)? window, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var (project, trace) = (p.Add(projectId), p.Add(traceId));
        var condition = window is { } w
            ? ObservationsOfTrace(project, trace, $"start_time >= {p.Add(w.From)} AND start_time <= {p.Add(w.To)}")
            : ObservationsOfTrace(project, trace);
        return await client.QueryAsync(
            $"""
            SELECT {ClickHouseTables.Observations.SelectList} FROM observations FINAL
            WHERE {condition}
            ORDER BY start_time, id
            """,
            p, ObservationRows.Read, ct);
    }

    // Langfuse SDKs set trace_id on observation scores, but a score may name only its observation; both count. A
    // score that names a trace belongs to that trace, so the observation only decides for scores without one.
    public async Task<IReadOnlyList<ScoreRecord>> GetScoresOfTraceAsync(string projectId, string traceId, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var (project, trace) = (p.Add(projectId), p.Add(traceId));
        var onTrace = $"(trace_id = {trace} OR (trace_id IS NULL AND observation_id IN (SELECT id FROM observations FINAL WHERE {ObservationsOfTrace(project, trace)})))";
        return await client.QueryAsync(
            $"""
            SELECT {ClickHouseTables.Scores.SelectList} FROM scores FINAL
            WHERE project_id = {project} AND id IN (SELECT id FROM scores WHERE project_id = {project} AND {onTrace}) AND {onTrace}
            ORDER BY timestamp, id
            """,
            p, ScoreRows.Read, ct);
    }

    /// <summary>
    /// The condition for a trace's observations in a FINAL read of <c>observations</c>: candidate ids from any row
    /// version, found through the trace_id index (within <paramref name="timeCondition"/> when given), then the trace
    /// id checked again on the merged row.
    /// </summary>
    internal static string ObservationsOfTrace(string project, string trace, string? timeCondition = null) =>
        $"project_id = {project} AND id IN (SELECT id FROM observations WHERE project_id = {project} AND trace_id = {trace}{(timeCondition is null ? "" : " AND " + timeCondition)}) AND trace_id = {trace}";

    // Observations within TraceTree.ObservationWindow of the trace's timestamp first; all of them when none is there.
    // ClickHouse has no snapshot across queries: the trace is read again after its observations and scores, so the
    // row returned is never older than they are (a batch writes its traces first).
    public async Task<TraceTree?> GetTraceTreeAsync(string projectId, string traceId, bool observations, bool scores, CancellationToken ct)
    {
        if (await GetTraceAsync(projectId, traceId, ct) is not { } first)
        {
            return null;
        }

        var scoreRows = scores ? await GetScoresOfTraceAsync(projectId, traceId, ct) : [];
        IReadOnlyList<ObservationRecord> observationRows = [];
        if (observations)
        {
            observationRows = await ObservationsOfTraceAsync(projectId, traceId, TraceTree.ObservationWindowAround(first.Timestamp), ct);
            if (observationRows.Count == 0)
            {
                observationRows = await GetObservationsOfTraceAsync(projectId, traceId, ct);
            }
        }

        return await GetTraceAsync(projectId, traceId, ct) is { } trace ? new TraceTree(trace, observationRows, scoreRows) : null;
    }

    public async Task<ObservationRecord?> GetObservationAsync(string projectId, string observationId, CancellationToken ct)
    {
        var p = new ClickHouseParameters();
        var rows = await client.QueryAsync(
            $"SELECT {ClickHouseTables.Observations.SelectList} FROM observations FINAL WHERE project_id = {p.Add(projectId)} AND id = {p.Add(observationId)}",
            p, ObservationRows.Read, ct);
        return rows.Count > 0 ? rows[0] : null;
    }
}
