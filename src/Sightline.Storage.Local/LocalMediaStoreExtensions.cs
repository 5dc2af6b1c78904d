using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sightline.Media;

namespace Sightline.Storage.Local;

public static class LocalMediaStoreExtensions
{
    /// <summary>Media store of the embedded profile: verified, atomically placed files under <paramref name="directory"/>.</summary>
    public static IServiceCollection AddLocalMediaStore(this IServiceCollection services, string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var store = new LocalMediaStore(Path.GetFullPath(directory));
        services.AddSingleton(store);
        services.AddSingleton<IMediaStore>(store);
        services.AddSingleton<IStorageInitializer>(sp => new LocalMediaStoreInitializer(store, sp.GetRequiredService<ILogger<LocalMediaStoreInitializer>>()));
        return services;
    }
}
