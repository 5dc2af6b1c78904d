using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Sightline.Tracing;

namespace Sightline.Storage.DuckDb;

/// <summary>
/// Which (project, id) keys each analytics table may hold, so ingestion skips the work a key that cannot be stored
/// would cost: its lookup (a join that scans the table's key columns) and, when a whole batch is new, the delete
/// that precedes the insert. Every write adds its keys before it starts; the keys already in the file are read once
/// at start, in the background (<see cref="LoadAsync"/>). Until that load completes every key counts as possibly
/// stored, which is exactly the behaviour without a filter.
/// <para>
/// Why this is safe without a lock around load and writes: the load reads one snapshot of the tables; a row
/// committed before that snapshot is in it, and a row written later added its key when it was written (writes add
/// keys from the moment the store exists). Only false positives can arise (a key added by a write that then
/// failed, or whose row was deleted since), and a false positive costs a lookup, never a wrong answer.
/// </para>
/// </summary>
internal sealed class StoredKeys
{
    private readonly Dictionary<AnalyticsTable, KeyFilter> _filters = AnalyticsTables.All.ToDictionary(t => t, _ => new KeyFilter());
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _complete;

    /// <summary>Completes once the keys stored at start are in the filters (or faults if reading them failed).</summary>
    public Task Loaded => _loaded.Task;

    public bool IsComplete => _complete;

    /// <summary>Approximate memory held by the filters.</summary>
    public long Bytes => _filters.Values.Sum(f => f.Bytes);

    public void Add<T>(AnalyticsTable table, IReadOnlyCollection<T> rows, Func<T, EntityKey> key) => _filters[table].AddRange(rows, key);

    /// <summary>The keys that may have a stored row; all of them until the load completed.</summary>
    public IReadOnlyCollection<EntityKey> MaybeStored(AnalyticsTable table, IReadOnlyCollection<EntityKey> keys) =>
        _complete ? _filters[table].MightContain(keys) : keys;

    /// <summary>Whether any of the rows may replace a stored row.</summary>
    public bool AnyMaybeStored<T>(AnalyticsTable table, IReadOnlyCollection<T> rows, Func<T, EntityKey> key) =>
        rows.Count > 0 && (!_complete || _filters[table].MightContain(rows.Select(key)).Count > 0);

    /// <summary>
    /// Reads every stored key into the filters. Each table's keys go into a filter sized for them, which then joins
    /// the table's live filter (a Bloom filter union is the union of its parts), so writes never wait for the load.
    /// </summary>
    public async Task LoadAsync(DuckDbDatabase database, ILogger logger, CancellationToken ct)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            await using var connection = await database.OpenReadConnectionAsync(ct);
            // One transaction: the count and the keys come from the same snapshot.
            await using var transaction = await connection.BeginTransactionAsync(ct);
            long total = 0;
            foreach (var table in AnalyticsTables.All)
            {
                var rows = (await DuckDbReads.QueryAsync(connection, $"SELECT count(*) FROM {table.Name}", [], r => r.GetInt64(0), ct))[0];
                // Headroom of half again, so the keys ingested after start fill this filter before a new segment is needed.
                var loaded = new KeyFilter(Math.Max(KeyFilter.DefaultInitialCapacity, rows + (rows / 2)));
                await using (var command = connection.CreateCommand())
                {
                    command.CommandText = $"SELECT project_id, id FROM {table.Name}";
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        loaded.Add(reader.GetString(0), reader.GetString(1));
                    }
                }

                _filters[table].UnionWith(loaded);
                total += rows;
            }

            _complete = true;
            _loaded.TrySetResult();
            var elapsed = Stopwatch.GetElapsedTime(started);
            var bytes = Bytes;
            logger.StoredKeysLoaded(total, bytes, elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _loaded.TrySetCanceled(ct);
        }
        catch (Exception ex)
        {
            // Without the filters every key is looked up, as before they existed: slower, never wrong.
            logger.StoredKeysLoadFailed(ex);
            _loaded.TrySetException(ex);
        }
    }
}
