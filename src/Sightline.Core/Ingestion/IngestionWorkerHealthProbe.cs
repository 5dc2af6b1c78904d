using Sightline.Health;

namespace Sightline.Ingestion;

/// <summary>Health is never green while acknowledged events are not becoming queryable.</summary>
internal sealed class IngestionWorkerHealthProbe(IngestionWorkerStatus status, IngestionOptions options) : IHealthProbe
{
    public string Name => "ingestion worker";

    public Task<string?> CheckAsync(CancellationToken ct) =>
        Task.FromResult(status.Problem(options.WorkerStallAfter, options.MaxIngestionLag));
}
