using Sightline.Tracing;

namespace Sightline.Ingestion;

/// <summary>
/// Turns a run of log records into one analytics write: groups events by (project, entity, id), reads the stored
/// rows they change, merges, and writes all resulting rows in one batch.
/// </summary>
public sealed class IngestionProcessor(IAnalyticsWriter writer, IEnumerable<IObservationEnricher> enrichers, TimeProvider time)
{
    public async Task<AnalyticsBatch> ProcessAsync(IReadOnlyList<IngestionRecord> records, CancellationToken ct)
    {
        var traces = new Dictionary<EntityKey, List<IngestionEvent>>();
        var observations = new Dictionary<EntityKey, List<IngestionEvent>>();
        var scores = new Dictionary<EntityKey, List<IngestionEvent>>();
        foreach (var record in records)
        {
            foreach (var e in record.Events)
            {
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

        var now = time.GetUtcNow().UtcDateTime;
        var storedObservations = ById(await writer.GetObservationsAsync(observations.Keys, ct), o => new EntityKey(o.ProjectId, o.Id));
        IReadOnlyList<ObservationRecord> mergedObservations = observations
            .Select(kv => EventMerger.MergeObservation(kv.Key.ProjectId, kv.Key.Id, storedObservations.GetValueOrDefault(kv.Key), [.. EventMerger.InOrder(kv.Value)], now))
            .ToList();
        foreach (var enricher in enrichers)
        {
            mergedObservations = await enricher.EnrichAsync(mergedObservations, ct);
        }

        // Traces named by observations are read too: one that exists nowhere gets a shallow row so it can be read.
        var traceKeys = traces.Keys.Concat(mergedObservations.Select(o => new EntityKey(o.ProjectId, o.TraceId))).ToHashSet();
        var storedTraces = ById(await writer.GetTracesAsync(traceKeys, ct), t => new EntityKey(t.ProjectId, t.Id));
        var mergedTraces = traces
            .Select(kv => EventMerger.MergeTrace(kv.Key.ProjectId, kv.Key.Id, storedTraces.GetValueOrDefault(kv.Key), [.. EventMerger.InOrder(kv.Value)], now))
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

        var storedScores = ById(await writer.GetScoresAsync(scores.Keys, ct), s => new EntityKey(s.ProjectId, s.Id));
        var mergedScores = scores
            .Select(kv => EventMerger.MergeScore(kv.Key.ProjectId, kv.Key.Id, storedScores.GetValueOrDefault(kv.Key), [.. EventMerger.InOrder(kv.Value)], now))
            .ToList();

        var batch = new AnalyticsBatch(mergedTraces, mergedObservations, mergedScores);
        if (!batch.IsEmpty)
        {
            await writer.WriteAsync(batch, ct);
        }

        return batch;
    }

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
