using Sightline.Ingestion;
using Sightline.Tracing;

namespace Sightline.Bench;

/// <summary>
/// The analytics rows Sightline's worker writes for one <see cref="IngestBatch"/> request: the request's events as
/// the ingestion endpoint logs them (<see cref="WorkerRecords"/>), merged once by the worker's own
/// <see cref="IngestionProcessor"/> against an empty store, with model prices applied. <see cref="Next"/> hands out
/// copies with fresh ids, so inserting them costs the engine what new entities cost.
/// </summary>
internal sealed class RequestRows
{
    private readonly AnalyticsBatch _template;
    private readonly string _traceId;

    private RequestRows(AnalyticsBatch template)
    {
        _template = template;
        _traceId = template.Traces.Single().Id;
    }

    /// <summary>Rows one request becomes: its trace, its observations and its score.</summary>
    public int RowsPerRequest => _template.Traces.Count + _template.Observations.Count + _template.Scores.Count;

    public int ObservationsPerRequest => _template.Observations.Count;

    public static async Task<RequestRows> MergeAsync(IngestionProcessor processor, string projectId, CancellationToken ct)
    {
        var bytes = new WorkerRecords(projectId).Next(1)[0];
        var record = IngestionRecord.DecodeInPlace(bytes, out var document) ?? throw new InvalidOperationException("A generated record did not decode");
        using (document)
        {
            // Merging only: the locks are released and nothing is written.
            await using var merged = await processor.MergeAsync(IngestionProcessor.Group([record]), ct);
            return new RequestRows(merged.Batch);
        }
    }

    /// <summary>The rows of <paramref name="requests"/> requests, each with a trace id (and ids derived from it) of its own.</summary>
    public AnalyticsBatch Next(int requests)
    {
        var traces = new List<TraceRecord>(requests * _template.Traces.Count);
        var observations = new List<ObservationRecord>(requests * _template.Observations.Count);
        var scores = new List<ScoreRecord>(requests * _template.Scores.Count);
        for (var i = 0; i < requests; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            string? Swap(string? value) => value?.Replace(_traceId, id, StringComparison.Ordinal);
            traces.AddRange(_template.Traces.Select(t => t with { Id = Swap(t.Id)! }));
            observations.AddRange(_template.Observations.Select(o => o with { Id = Swap(o.Id)!, TraceId = Swap(o.TraceId)!, ParentObservationId = Swap(o.ParentObservationId) }));
            scores.AddRange(_template.Scores.Select(s => s with { Id = Swap(s.Id)!, TraceId = Swap(s.TraceId), ObservationId = Swap(s.ObservationId) }));
        }

        return new AnalyticsBatch(traces, observations, scores);
    }
}
