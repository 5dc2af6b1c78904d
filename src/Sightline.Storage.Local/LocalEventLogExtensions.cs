using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sightline.Health;
using Sightline.Ingestion;

namespace Sightline.Storage.Local;

public static class LocalEventLogExtensions
{
    /// <summary>
    /// Event log of the embedded profile: fsync'd segment files in <paramref name="directory"/>, and the worker's
    /// dead letters in its <c>dead-letter</c> subdirectory.
    /// </summary>
    public static IServiceCollection AddLocalEventLog(this IServiceCollection services, string directory, LocalEventLogOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var errors = options.Errors().ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid event log options: " + string.Join(" ", errors), nameof(options));
        }

        var fullPath = Path.GetFullPath(directory);
        services.AddSingleton(sp => new LocalEventLog(
            fullPath,
            options,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<LocalEventLog>>() ?? NullLogger<LocalEventLog>.Instance));
        services.AddSingleton<IEventLog>(sp => sp.GetRequiredService<LocalEventLog>());
        services.AddSingleton<IEventLogConsumer>(sp => sp.GetRequiredService<LocalEventLog>());
        services.AddSingleton<IStorageInitializer>(sp => new LocalEventLogInitializer(sp.GetRequiredService<LocalEventLog>()));
        services.AddSingleton<IHealthProbe>(sp => new LocalEventLogHealthProbe(sp.GetRequiredService<LocalEventLog>()));
        services.AddSingleton<IDeadLetterStore>(sp => new LocalDeadLetterStore(
            Path.Combine(fullPath, "dead-letter"), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
