using Microsoft.Extensions.Logging;
using Sightline.Scores;
using Sightline.Tracing;

namespace Sightline.Ingestion;

/// <summary>
/// Turns a run of log records into one analytics write: groups events by (project, entity, id)
/// (<see cref="Group"/>), reads the stored rows they change and merges (<see cref="MergeAsync"/>), and writes all
/// resulting rows in one batch (<see cref="WriteAsync"/>). The read-merge-write runs under the entities'
/// <see cref="IMergeLocks"/>, so workers in other processes merging the same ids wait for this write.
/// </summary>
public sealed class IngestionProcessor(
    IAnalyticsWriter writer, IEnumerable<IObservationEnricher> enrichers, IScoreConfigLookup scoreConfigs, IMergeLocks locks, ITraceDeletion traceDeletion,
    TimeProvider time, ILogger<IngestionProcessor> logger)
{
    /// <summary>Groups, merges and writes a run of records, holding the entities' locks throughout.</summary>
    public async Task<AnalyticsBatch> ProcessAsync(IReadOnlyList<IngestionRecord> records, CancellationToken ct)
    {
        await using var merged = await MergeAsync(Group(records), ct);
        await WriteAsync(merged.Batch, ct);
        return merged.Batch;
    }

    /// <summary>
    /// The trace ids a record of <see cref="EventType.TraceDelete"/> events removes; null for any other record. The
    /// server writes such records on its own (clients cannot send the type), one per deletion request.
    /// </summary>
    public static IReadOnlyList<string>? TraceDeletions(IngestionRecord record)
    {
        if (record.Events.Count == 0 || record.Events.Any(e => e.Type != EventType.TraceDelete))
        {
            return null;
        }

        return [.. record.Events.Select(e => JsonFields.String(e.Body, "id")).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Removes traces with their observations and scores, under the traces' merge locks, so that a merge of the same
    /// traces in another worker either finishes before or reads after the deletion.
    /// </summary>
    public async Task<long> DeleteTracesAsync(string projectId, IReadOnlyList<string> traceIds, CancellationToken ct)
    {
        await using var held = await locks.AcquireAsync([.. traceIds.Select(id => LockKey('t', projectId, id))], ct);
        return await traceDeletion.DeleteTracesAsync(projectId, traceIds, ct);
    }

    /// <summary>
    /// Sorts a run of records' events by entity. Reads nothing: the lock keys it returns say which entities a merge
    /// of these events may write, before anything is read.
    /// </summary>
    public static GroupedEvents Group(IReadOnlyList<IngestionRecord> records)
    {
        var traces = new Dictionary<EntityKey, List<IngestionEvent>>();
        var observations = new Dictionary<EntityKey, List<IngestionEvent>>();
        var scores = new Dictionary<EntityKey, List<IngestionEvent>>();
        foreach (var record in records)
        {
            foreach (var e in record.Events)
            {
                // Trace deletions are applied between runs of records (IngestionWorker), never merged.
                if (e.Type == EventType.TraceDelete)
                {
                    continue;
                }

                var (target, id) = e.Type.Kind switch
                {
                    EntityKind.Trace => (traces, JsonFields.String(e.Body, "id")),
                    EntityKind.Observation => (observations, JsonFields.String(e.Body, "id")),
                    EntityKind.Score => (scores, JsonFields.String(e.Body, "id") ?? EventMerger.DerivedId(record.ProjectId, "score:" + e.Id)),
                    _ => (null, null),
                };

                // A trace without body.id is acknowledged but never stored, as in Langfuse.
                if (target is not null && id is { Length: > 0 })
                {
                    var key = new EntityKey(record.ProjectId, id);
                    if (!target.TryGetValue(key, out var list))
                    {
                        target[key] = list = [];
                    }

                    list.Add(e);
                }
            }
        }

        return new GroupedEvents(traces, observations, scores, LockKeys(traces, observations, scores));
    }

    /// <summary>
    /// Takes the entities' locks, reads the stored rows the events change and merges them. The result holds the
    /// locks until it is disposed, which must come after its batch is written (or abandoned).
    /// </summary>
    public async Task<MergedBatch> MergeAsync(GroupedEvents grouped, CancellationToken ct)
    {
        var held = await locks.AcquireAsync(grouped.LockKeys, ct);
        try
        {
            return new MergedBatch(await MergeHeldAsync(grouped, ct), held);
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes a merged batch to the analytics store (nothing when it is empty).</summary>
    public Task WriteAsync(AnalyticsBatch batch, CancellationToken ct) =>
        batch.IsEmpty ? Task.CompletedTask : writer.WriteAsync(batch, ct);

    private async Task<AnalyticsBatch> MergeHeldAsync(GroupedEvents grouped, CancellationToken ct)
    {
        var (traces, observations, scores) = (grouped.Traces, grouped.Observations, grouped.Scores);
        var now = time.GetUtcNow().UtcDateTime;
        var storedObservations = ById(await writer.GetObservationsAsync(observations.Keys, ct), o => new EntityKey(o.ProjectId, o.Id));
        IReadOnlyList<ObservationRecord> mergedObservations = observations
            .Select(kv => EventMerger.MergeObservation(kv.Key.ProjectId, kv.Key.Id, storedObservations.GetValueOrDefault(kv.Key), EventMerger.Ordered(kv.Value), now))
            .ToList();
        foreach (var enricher in enrichers)
        {
            mergedObservations = await enricher.EnrichAsync(mergedObservations, ct);
        }

        // Traces named by observations are read too: one that exists nowhere gets a shallow row so it can be read.
        var traceKeys = traces.Keys.Concat(mergedObservations.Select(o => new EntityKey(o.ProjectId, o.TraceId))).ToHashSet();
        var storedTraces = ById(await writer.GetTracesAsync(traceKeys, ct), t => new EntityKey(t.ProjectId, t.Id));
        var mergedTraces = traces
            .Select(kv => EventMerger.MergeTrace(kv.Key.ProjectId, kv.Key.Id, storedTraces.GetValueOrDefault(kv.Key), EventMerger.Ordered(kv.Value), now))
            .ToList();
        var written = mergedTraces.Select(t => new EntityKey(t.ProjectId, t.Id)).ToHashSet();
        foreach (var o in mergedObservations)
        {
            var key = new EntityKey(o.ProjectId, o.TraceId);
            if (!storedTraces.ContainsKey(key) && written.Add(key))
            {
                mergedTraces.Add(EventMerger.ShallowTrace(o, now));
            }
        }

        var (mergedScores, deletedScores) = await MergeScoresAsync(scores, now, ct);
        return new AnalyticsBatch(mergedTraces, mergedObservations, mergedScores) { DeletedScores = deletedScores };
    }

    /// <summary>
    /// Scores: events that name a config they do not fit are dropped (as Langfuse drops them after accepting the
    /// batch). A deletion ends the score: only events logged after the last one count, on top of nothing, and a score
    /// with none left is deleted. Log order decides, not the clients' timestamps, so a replay of the log deletes the
    /// same scores again.
    /// </summary>
    private async Task<(List<ScoreRecord> Merged, List<EntityKey> Deleted)> MergeScoresAsync(
        Dictionary<EntityKey, List<IngestionEvent>> scores, DateTime now, CancellationToken ct)
    {
        var configKeys = scores
            .SelectMany(kv => kv.Value.Where(e => !e.Type.IsDeletion).Select(e => JsonFields.String(e.Body, "configId") is { } id ? new EntityKey(kv.Key.ProjectId, id) : (EntityKey?)null))
            .OfType<EntityKey>().ToHashSet();
        var configs = (await scoreConfigs.GetAsync(configKeys, ct))
            .GroupBy(c => c.ProjectId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, ScoreConfig>)g.ToDictionary(c => c.Id, StringComparer.Ordinal), StringComparer.Ordinal);

        var live = new Dictionary<EntityKey, (List<IngestionEvent> Events, bool AfterDeletion)>();
        var deleted = new List<EntityKey>();
        foreach (var (key, events) in scores)
        {
            var projectConfigs = configs.GetValueOrDefault(key.ProjectId);
            var kept = new List<IngestionEvent>(events.Count);
            foreach (var e in events)
            {
                if (!e.Type.IsDeletion && ConfigProblem(e, projectConfigs) is { } problem)
                {
                    logger.ScoreEventDropped(e.Id, key.ProjectId, problem);
                    continue;
                }

                kept.Add(e);
            }

            var lastDeletion = kept.FindLastIndex(e => e.Type.IsDeletion);
            var after = kept[(lastDeletion + 1)..];
            if (after.Count > 0)
            {
                live[key] = (after, lastDeletion >= 0);
            }
            else if (lastDeletion >= 0)
            {
                deleted.Add(key);
            }
        }

        var stored = ById(await writer.GetScoresAsync(live.Where(kv => !kv.Value.AfterDeletion).Select(kv => kv.Key).ToList(), ct), s => new EntityKey(s.ProjectId, s.Id));
        var merged = live
            .Select(kv => EventMerger.MergeScore(kv.Key.ProjectId, kv.Key.Id, stored.GetValueOrDefault(kv.Key), [.. EventMerger.InOrder(kv.Value.Events)], now,
                configs.GetValueOrDefault(kv.Key.ProjectId)))
            .ToList();
        return (merged, deleted);
    }

    /// <summary>
    /// Every entity the batch may write: its traces, observations and scores, and the traces its observations name
    /// (which get a shallow row when they exist nowhere, and must not overwrite a full one written meanwhile).
    /// </summary>
    private static HashSet<string> LockKeys(
        Dictionary<EntityKey, List<IngestionEvent>> traces, Dictionary<EntityKey, List<IngestionEvent>> observations, Dictionary<EntityKey, List<IngestionEvent>> scores)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in traces.Keys)
        {
            keys.Add(LockKey('t', key.ProjectId, key.Id));
        }

        foreach (var (key, events) in observations)
        {
            keys.Add(LockKey('o', key.ProjectId, key.Id));
            foreach (var e in events)
            {
                if (JsonFields.String(e.Body, "traceId") is { Length: > 0 } traceId)
                {
                    keys.Add(LockKey('t', key.ProjectId, traceId));
                }
            }
        }

        foreach (var key in scores.Keys)
        {
            keys.Add(LockKey('s', key.ProjectId, key.Id));
        }

        return keys;
    }

    // Lengths first, so no project id or entity id, whatever characters it holds, can make two keys collide.
    private static string LockKey(char kind, string projectId, string id) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kind}:{projectId.Length}:{projectId}:{id}");

    private static string? ConfigProblem(IngestionEvent e, IReadOnlyDictionary<string, ScoreConfig>? configs) =>
        JsonFields.String(e.Body, "configId") is not { } configId ? null
        : configs?.GetValueOrDefault(configId) is { } config ? ScoreConfigCheck.Check(e.Body, config)
        : $"configId: no score config '{configId}' in the project";

    private static Dictionary<EntityKey, T> ById<T>(IReadOnlyList<T> rows, Func<T, EntityKey> key)
    {
        var result = new Dictionary<EntityKey, T>(rows.Count);
        foreach (var row in rows)
        {
            result[key(row)] = row;
        }

        return result;
    }
}
