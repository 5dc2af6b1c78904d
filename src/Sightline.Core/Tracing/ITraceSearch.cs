namespace Sightline.Tracing;

/// <summary>The trace list of the public API. Every query is scoped to one project.</summary>
public interface ITraceSearch
{
    /// <summary>
    /// One page of the project's traces matching the query, in the requested order (ties broken by id), and the
    /// number of matching traces. Observation ids, score ids and the metrics are computed only for the field groups
    /// the query selects, for the page's traces only.
    /// </summary>
    Task<ResultPage<TraceListItem>> ListTracesAsync(TraceListQuery query, CancellationToken ct);
}
