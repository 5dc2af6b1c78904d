using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Sightline.Health;
using Sightline.Tracing;

namespace Sightline.Storage.DuckDb;

/// <summary>
/// Traces, observations and scores of the embedded profile, one DuckDB file.
/// <para>
/// Upserts delete the stored rows of the batch's keys and insert the new rows, in one transaction, with no
/// PRIMARY KEY. Measured on a 2-core machine shared with other builds (load average 5-9, so the ratios matter more
/// than the absolute numbers; ranges are over 2-4 runs): 200,000 observations in 400 batches of 500, a fifth of them
/// rewrites of earlier ids, then point lookups by (project_id, id) on the resulting ~160,000 rows:
/// <list type="bullet">
/// <item>PRIMARY KEY (project_id, id) + INSERT OR REPLACE: 55-175 ms per batch (about 100 typical), lookups 5-18 ms,
/// 30 MiB file.</item>
/// <item>append-only with a write sequence, latest row per key on read: 31-33 ms per batch, lookups 12-19 ms and
/// trace reads 80-150 ms (a window over every read), and the file grows with every replay until compacted.</item>
/// <item>no key, DELETE ... USING staging + INSERT: 44-72 ms per batch, lookups 6-7 ms, 11 MiB file.</item>
/// <item>the same with a non-unique index on (project_id, id): 30-52 ms per batch, lookups 5-11 ms, 32 MiB file.</item>
/// </list>
/// EXPLAIN showed a sequential scan for the lookups in every variant, even with extra single-column indexes on id
/// and trace_id, so an index buys little on reads while tripling the file, and an ART index takes buffer memory
/// that competes with the memory limit. Delete + insert without an index writes at half the PRIMARY KEY
/// variant's cost, gives the smallest file, and its correctness rests on two things this class guarantees: a batch
/// is made unique per key (last row wins) before staging, and writes are serialized (see DuckDbDatabase).
/// This class, same load and machine: 26 ms per batch of 500, GetObservationAsync 4.7 ms, GetObservationsAsync
/// with 500 keys 36 ms, GetObservationsOfTraceAsync 26 ms, 12 MiB file.
/// </para>
/// <para>
/// Both the key lookups and the delete scan the key columns of the whole table, a cost that grows with the table
/// while most ingested keys are new. <see cref="StoredKeys"/> keeps a Bloom filter of the stored keys per table:
/// keys it rules out are not looked up, and a batch none of whose keys may be stored is inserted without the delete.
/// </para>
/// </summary>
internal sealed class DuckDbAnalyticsStore(DuckDbDatabase database, ILogger<DuckDbAnalyticsStore> logger)
    : IAnalyticsWriter, ITraceQueries, IStorageInitializer, IHealthProbe, IAsyncDisposable, IDisposable
{
    private readonly StoredKeys _keys = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loadingKeys;
    private int _disposed;

    string IStorageInitializer.Name => "duckdb analytics";

    string IHealthProbe.Name => "analytics";

    private volatile string? _startProblem = "Analytics store not initialized";

    /// <summary>
    /// Starts reading the stored keys into the filters if that has not started, and completes once they are in.
    /// The ingestion paths start it on their first call, which opens the database anyway: an idle server never
    /// opens DuckDB for it. It runs in the background; until it is done every key is looked up as if there were no
    /// filter.
    /// </summary>
    internal Task LoadKeysAsync()
    {
        if (Volatile.Read(ref _loadingKeys) is null && Volatile.Read(ref _disposed) == 0)
        {
            var loading = new Task<Task>(() => _keys.LoadAsync(database, logger, _stopping.Token));
            if (Interlocked.CompareExchange(ref _loadingKeys, loading.Unwrap(), null) is null)
            {
                loading.Start(TaskScheduler.Default);
            }
        }

        return _keys.Loaded;
    }

    // The database itself opens on first use (see DuckDbDatabase); the start checks what it can without it.
    public Task InitializeAsync(CancellationToken ct)
    {
        var problem = database.CheckFile();
        if (problem is not null)
        {
            throw new InvalidDataException(problem + "; move it away or restore it from a backup");
        }

        _startProblem = null;
        return Task.CompletedTask;
    }

    public async Task<string?> CheckAsync(CancellationToken ct)
    {
        if (!database.IsOpen && !database.IsDisposed)
        {
            return _startProblem;
        }

        try
        {
            await using var connection = await database.OpenReadConnectionAsync(ct);
            var applied = await DuckDbSchema.AppliedStepsAsync(connection, ct);
            return applied.Contains(DuckDbSchema.LastStep) ? null : "Analytics store not initialized";
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

        _ = LoadKeysAsync();
        var traces = LastPerKey(batch.Traces, TraceKey);
        var observations = LastPerKey(batch.Observations, ObservationKey);
        var scores = LastPerKey(batch.Scores, ScoreKey);
        await database.WriteAsync(async connection =>
        {
            // Decided before the batch's own keys join the filters, and inside the writer lock, so no other write
            // can store one of these keys in between. A key added here whose write then fails is a false positive
            // from then on, which costs a lookup and never a duplicate.
            var replaceTraces = _keys.AnyMaybeStored(AnalyticsTables.Traces, traces, TraceKey);
            var replaceObservations = _keys.AnyMaybeStored(AnalyticsTables.Observations, observations, ObservationKey);
            var replaceScores = _keys.AnyMaybeStored(AnalyticsTables.Scores, scores, ScoreKey);
            _keys.Add(AnalyticsTables.Traces, traces, TraceKey);
            _keys.Add(AnalyticsTables.Observations, observations, ObservationKey);
            _keys.Add(AnalyticsTables.Scores, scores, ScoreKey);

            await using var transaction = await connection.BeginTransactionAsync(ct);
            await UpsertAsync(connection, AnalyticsTables.Traces, traces, TraceRows.Append, replaceTraces, ct);
            await UpsertAsync(connection, AnalyticsTables.Observations, observations, ObservationRows.Append, replaceObservations, ct);
            await UpsertAsync(connection, AnalyticsTables.Scores, scores, ScoreRows.Append, replaceScores, ct);
            await DeleteScoresAsync(connection, batch.DeletedScores, ct);
            await transaction.CommitAsync(ct);
            return 0;
        }, ct);
    }

    private static EntityKey TraceKey(TraceRecord t) => new(t.ProjectId, t.Id);

    private static EntityKey ObservationKey(ObservationRecord o) => new(o.ProjectId, o.Id);

    private static EntityKey ScoreKey(ScoreRecord s) => new(s.ProjectId, s.Id);

    // The upsert's delete + insert needs one row per key; a batch may carry a key twice (replayed events), and
    // the later row is the newer merge.
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

    private static async Task UpsertAsync<T>(DuckDBConnection connection, AnalyticsTable table, List<T> rows, Action<DuckDBAppender, T> append, bool replace, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        // The appender writes the whole batch in column chunks; one INSERT statement per row would cost a
        // statement parse and plan each.
        using (var appender = connection.CreateAppender(table.StagingName))
        {
            foreach (var row in rows)
            {
                append(appender, row);
            }
        }

        await DuckDbDatabase.ExecuteAsync(connection, replace ? table.ReplaceFromStagingSql : table.InsertFromStagingSql, ct);
    }

    private static async Task DeleteScoresAsync(DuckDBConnection connection, IReadOnlyList<EntityKey> keys, CancellationToken ct)
    {
        if (keys.Count == 0)
        {
            return;
        }

        var distinct = keys.Distinct().ToList();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM scores AS t
            USING (SELECT unnest($project_ids) AS project_id, unnest($ids) AS id) AS k
            WHERE t.project_id = k.project_id AND t.id = k.id
            """;
        command.Parameters.Add(new DuckDBParameter("project_ids", distinct.Select(k => k.ProjectId).ToList()));
        command.Parameters.Add(new DuckDBParameter("ids", distinct.Select(k => k.Id).ToList()));
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task<IReadOnlyList<TraceRecord>> GetTracesAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) =>
        ReadByKeysAsync(AnalyticsTables.Traces, keys, TraceRows.Read, ct);

    public Task<IReadOnlyList<ObservationRecord>> GetObservationsAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) =>
        ReadByKeysAsync(AnalyticsTables.Observations, keys, ObservationRows.Read, ct);

    public Task<IReadOnlyList<ScoreRecord>> GetScoresAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) =>
        ReadByKeysAsync(AnalyticsTables.Scores, keys, ScoreRows.Read, ct);

    // The keys travel as two parallel list parameters and are joined on both columns, so every row returned
    // matches a requested (project, id) pair: one scan for the whole batch, never one query per key. Keys the
    // filter rules out are not asked for; when none is left there is no query at all.
    private async Task<IReadOnlyList<T>> ReadByKeysAsync<T>(AnalyticsTable table, IReadOnlyCollection<EntityKey> requested, Func<DuckDBDataReader, T> read, CancellationToken ct)
    {
        _ = LoadKeysAsync();
        var keys = requested.Count == 0 ? requested : _keys.MaybeStored(table, requested);
        if (keys.Count == 0)
        {
            return [];
        }

        var distinct = keys.Distinct().ToList();
        return await QueryAsync(
            $"""
            SELECT {table.SelectListOf("t")} FROM {table.Name} AS t
            JOIN (SELECT unnest($project_ids) AS project_id, unnest($ids) AS id) AS k ON t.project_id = k.project_id AND t.id = k.id
            """,
            [new("project_ids", distinct.Select(k => k.ProjectId).ToList()), new("ids", distinct.Select(k => k.Id).ToList())],
            read, ct);
    }

    private static readonly string TraceByIdSql =
        $"SELECT {AnalyticsTables.Traces.SelectList} FROM traces WHERE project_id = $project_id AND id = $trace_id";

    private static readonly string ObservationsOfTraceSql =
        $"SELECT {AnalyticsTables.Observations.SelectList} FROM observations WHERE project_id = $project_id AND trace_id = $trace_id ORDER BY start_time, id";

    // Langfuse SDKs set trace_id on observation scores, but a score may name only its observation; both count. A
    // score that names a trace belongs to that trace, so the observation only decides for scores without one.
    private static readonly string ScoresOfTraceSql = $"""
        SELECT {AnalyticsTables.Scores.SelectList} FROM scores
        WHERE project_id = $project_id
          AND (trace_id = $trace_id
               OR (trace_id IS NULL AND observation_id IN (SELECT id FROM observations WHERE project_id = $project_id AND trace_id = $trace_id)))
        ORDER BY "timestamp", id
        """;

    // The same scores once the trace's observations are known: their ids come as a list instead of a second scan of
    // the observations table. Two branches rather than one OR, so each condition is pushed into the scan: the OR was
    // evaluated above it, on every column of every score (measured on 200,000 scores, loaded 2-core machine: 350-450
    // ms against 40-120), and row groups without a score lacking its trace id are skipped by their statistics.
    private static readonly string ScoresOfTraceAndObservationsSql = $"""
        SELECT {AnalyticsTables.Scores.SelectList} FROM scores WHERE project_id = $project_id AND trace_id = $trace_id
        UNION ALL
        SELECT {AnalyticsTables.Scores.SelectList} FROM scores
        WHERE project_id = $project_id AND trace_id IS NULL AND list_contains($observation_ids, observation_id)
        ORDER BY "timestamp", id
        """;

    // The same within a time window around the trace's timestamp (TraceTree.ObservationWindow): DuckDB skips every
    // row group whose start_time range lies outside it.
    private static readonly string ObservationsOfTraceNearSql = $"""
        SELECT {AnalyticsTables.Observations.SelectList} FROM observations
        WHERE project_id = $project_id AND trace_id = $trace_id AND start_time >= $from AND start_time <= $to
        ORDER BY start_time, id
        """;

    private static readonly string ScoresOfTraceOnlySql = $"""
        SELECT {AnalyticsTables.Scores.SelectList} FROM scores
        WHERE project_id = $project_id AND trace_id = $trace_id
        ORDER BY "timestamp", id
        """;

    private static DuckDBParameter[] TraceParameters(string projectId, string traceId) => [new("project_id", projectId), new("trace_id", traceId)];

    public async Task<TraceRecord?> GetTraceAsync(string projectId, string traceId, CancellationToken ct) =>
        FirstOrNull(await QueryAsync(TraceByIdSql, TraceParameters(projectId, traceId), TraceRows.Read, ct));

    public Task<IReadOnlyList<ObservationRecord>> GetObservationsOfTraceAsync(string projectId, string traceId, CancellationToken ct) =>
        QueryAsync(ObservationsOfTraceSql, TraceParameters(projectId, traceId), ObservationRows.Read, ct);

    public Task<IReadOnlyList<ScoreRecord>> GetScoresOfTraceAsync(string projectId, string traceId, CancellationToken ct) =>
        QueryAsync(ScoresOfTraceSql, TraceParameters(projectId, traceId), ScoreRows.Read, ct);

    // One connection and one transaction: DuckDB gives the three reads the same snapshot.
    public async Task<TraceTree?> GetTraceTreeAsync(string projectId, string traceId, bool observations, bool scores, CancellationToken ct)
    {
        await using var connection = await database.OpenReadConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var trace = FirstOrNull(await QueryAsync(connection, TraceByIdSql, TraceParameters(projectId, traceId), TraceRows.Read, ct));
        if (trace is null)
        {
            return null;
        }

        if (!observations)
        {
            return new TraceTree(trace, [], scores ? await QueryAsync(connection, ScoresOfTraceSql, TraceParameters(projectId, traceId), ScoreRows.Read, ct) : []);
        }

        var (from, to) = TraceTree.ObservationWindowAround(trace.Timestamp);
        var observationRows = await QueryAsync(connection, ObservationsOfTraceNearSql,
            [.. TraceParameters(projectId, traceId), new("from", from), new("to", to)], ObservationRows.Read, ct);
        if (observationRows.Count == 0)
        {
            observationRows = await QueryAsync(connection, ObservationsOfTraceSql, TraceParameters(projectId, traceId), ObservationRows.Read, ct);
        }

        if (!scores)
        {
            return new TraceTree(trace, observationRows, []);
        }

        var scoreRows = observationRows.Count == 0
            ? await QueryAsync(connection, ScoresOfTraceOnlySql, TraceParameters(projectId, traceId), ScoreRows.Read, ct)
            : await QueryAsync(connection, ScoresOfTraceAndObservationsSql,
                [.. TraceParameters(projectId, traceId), new("observation_ids", observationRows.Select(o => o.Id).ToList())], ScoreRows.Read, ct);
        return new TraceTree(trace, observationRows, scoreRows);
    }

    public async Task<ObservationRecord?> GetObservationAsync(string projectId, string observationId, CancellationToken ct) =>
        FirstOrNull(await QueryAsync(
            $"SELECT {AnalyticsTables.Observations.SelectList} FROM observations WHERE project_id = $project_id AND id = $id",
            [new("project_id", projectId), new("id", observationId)], ObservationRows.Read, ct));

    private static T? FirstOrNull<T>(IReadOnlyList<T> rows) where T : class => rows.Count > 0 ? rows[0] : null;

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, DuckDBParameter[] parameters, Func<DuckDBDataReader, T> read, CancellationToken ct) =>
        await DuckDbReads.QueryAsync(database, sql, parameters, read, ct);

    private static async Task<IReadOnlyList<T>> QueryAsync<T>(DuckDBConnection connection, string sql, DuckDBParameter[] parameters, Func<DuckDBDataReader, T> read, CancellationToken ct) =>
        await DuckDbReads.QueryAsync(connection, sql, parameters, read, ct);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _stopping.CancelAsync();
            if (_loadingKeys is not null)
            {
                // LoadAsync reports its own failures; what is left here is the cancellation.
                await _loadingKeys.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            _stopping.Dispose();
        }

        await database.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
