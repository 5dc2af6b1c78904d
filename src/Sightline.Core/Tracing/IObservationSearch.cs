namespace Sightline.Tracing;

/// <summary>The observation lists of the public API. Every query is scoped to one project.</summary>
public interface IObservationSearch
{
    /// <summary>One page of matching observations, newest start time first (ties by id), and the number of matches.</summary>
    Task<ResultPage<ObservationRecord>> ListObservationsAsync(string projectId, ObservationFilter filter, int page, int limit, CancellationToken ct);

    /// <summary>
    /// Up to <paramref name="limit"/> matching observations that come after <paramref name="after"/> (from the
    /// start when null) in the order start time, trace id, id, all descending; each with its trace's fields.
    /// </summary>
    Task<IReadOnlyList<ObservationWithTrace>> ListObservationsAfterAsync(string projectId, ObservationFilter filter, ObservationCursor? after, int limit, CancellationToken ct);
}
