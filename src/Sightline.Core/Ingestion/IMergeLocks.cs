namespace Sightline.Ingestion;

/// <summary>
/// Keeps two workers from merging events of the same entity at once. The worker reads the stored row, folds the new
/// events onto it and writes the result; two workers doing that for one trace in parallel would each start from the
/// row without the other's events, and the later write would drop the earlier one's fields. Holding the entities'
/// locks across that read-merge-write makes the second worker start from the first one's row. Embedded profile: one
/// worker per process, nothing to coordinate. Scale profile: leases in Redis that expire when their holder dies.
/// </summary>
public interface IMergeLocks
{
    /// <summary>
    /// Waits until no other worker holds any of <paramref name="keys"/>, then holds all of them until the returned
    /// handle is disposed. All or nothing, so two workers wanting overlapping sets never deadlock.
    /// </summary>
    ValueTask<IAsyncDisposable> AcquireAsync(IReadOnlyCollection<string> keys, CancellationToken ct);
}
