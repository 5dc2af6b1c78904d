using System.Diagnostics;
using Sightline.Tracing;

namespace Sightline.Bench;

/// <summary>
/// Passes every call to the real writer and adds up the time spent in key lookups and in writes, so the worker
/// benchmark can say where a batch's time goes without instrumenting the product code.
/// </summary>
internal sealed class TimedAnalyticsWriter(IAnalyticsWriter inner) : IAnalyticsWriter
{
    public TimeSpan Lookups { get; private set; }

    public TimeSpan Writes { get; private set; }

    public void Reset()
    {
        Lookups = TimeSpan.Zero;
        Writes = TimeSpan.Zero;
    }

    public Task<IReadOnlyList<TraceRecord>> GetTracesAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) =>
        LookupAsync(() => inner.GetTracesAsync(keys, ct));

    public Task<IReadOnlyList<ObservationRecord>> GetObservationsAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) =>
        LookupAsync(() => inner.GetObservationsAsync(keys, ct));

    public Task<IReadOnlyList<ScoreRecord>> GetScoresAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken ct) =>
        LookupAsync(() => inner.GetScoresAsync(keys, ct));

    public async Task WriteAsync(AnalyticsBatch batch, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        await inner.WriteAsync(batch, ct);
        Writes += Stopwatch.GetElapsedTime(start);
    }

    private async Task<T> LookupAsync<T>(Func<Task<T>> lookup)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await lookup();
        Lookups += Stopwatch.GetElapsedTime(start);
        return result;
    }
}
