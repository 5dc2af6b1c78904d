using Sightline.Health;

namespace Sightline.Storage.Local;

internal sealed class LocalEventLogHealthProbe(LocalEventLog log) : IHealthProbe
{
    public string Name => "event log";

    public Task<string?> CheckAsync(CancellationToken ct) => Task.FromResult(log.Problem);
}
