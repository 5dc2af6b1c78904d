namespace Sightline.Storage.Local;

/// <summary>Opens and recovers the event log before requests are accepted; later runs find it open.</summary>
internal sealed class LocalEventLogInitializer(LocalEventLog log) : IStorageInitializer
{
    public string Name => "local event log";

    public Task InitializeAsync(CancellationToken ct) => log.OpenAsync(ct);
}
