using Microsoft.Extensions.Logging;

namespace Sightline.Storage.Local;

internal sealed class LocalMediaStoreInitializer(LocalMediaStore store, ILogger<LocalMediaStoreInitializer> logger) : IStorageInitializer
{
    public string Name => "local media store";

    public Task InitializeAsync(CancellationToken ct)
    {
        var removed = store.PrepareDirectory();
        if (removed > 0)
        {
            logger.IncomingUploadsRemoved(removed, store.Root);
        }

        return Task.CompletedTask;
    }
}
