using Sightline.Tracing;

namespace Sightline.Datasets;

/// <summary>
/// Dataset run items in the analytics store (DuckDB embedded, ClickHouse at scale), next to the traces, observations
/// and scores the run comparison aggregates. Every query is scoped to one project.
/// </summary>
public interface IDatasetRunItemStore
{
    /// <summary>Stores a run item; writing the same (project, id) again replaces it.</summary>
    Task WriteAsync(DatasetRunItemRecord item, CancellationToken ct);

    /// <summary>One page of a run's items, newest first (ties by id, descending), and the run's item count.</summary>
    Task<ResultPage<DatasetRunItemRecord>> ListAsync(string projectId, string datasetRunId, int limit, long offset, CancellationToken ct);

    /// <summary>Removes every item of the given runs; returns how many there were.</summary>
    Task<long> DeleteRunsAsync(string projectId, IReadOnlyCollection<string> datasetRunIds, CancellationToken ct);

    /// <summary>
    /// Comparison aggregates for each given run that has at least one item (runs without items are absent), computed
    /// from the run items and the traces, observations and scores they point at.
    /// </summary>
    Task<IReadOnlyList<DatasetRunSummary>> SummarizeRunsAsync(string projectId, IReadOnlyCollection<string> datasetRunIds, CancellationToken ct);
}
