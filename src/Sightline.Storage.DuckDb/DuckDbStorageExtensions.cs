using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sightline.Datasets;
using Sightline.Health;
using Sightline.Metrics;
using Sightline.Scores;
using Sightline.Storage.Analytics.Sql;
using Sightline.Tracing;

namespace Sightline.Storage.DuckDb;

public static class DuckDbStorageExtensions
{
    /// <summary>Analytics store of the embedded profile: one DuckDB file, opened and migrated on first use.</summary>
    public static IServiceCollection AddDuckDbAnalytics(this IServiceCollection services, string databasePath, DuckDbOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var errors = options.Errors().ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid DuckDB options: " + string.Join(" ", errors), nameof(options));
        }

        var fullPath = Path.GetFullPath(databasePath);
        // One database instance for the store and the readers: they share the writer connection and its lock.
        services.AddSingleton(sp => new DuckDbDatabase(
            fullPath, options, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<ILogger<DuckDbDatabase>>() ?? NullLogger<DuckDbDatabase>.Instance));
        services.AddSingleton(sp => new DuckDbAnalyticsStore(
            sp.GetRequiredService<DuckDbDatabase>(),
            sp.GetService<ILogger<DuckDbAnalyticsStore>>() ?? NullLogger<DuckDbAnalyticsStore>.Instance));
        services.AddSingleton<IAnalyticsWriter>(sp => sp.GetRequiredService<DuckDbAnalyticsStore>());
        services.AddSingleton<ITraceQueries>(sp => sp.GetRequiredService<DuckDbAnalyticsStore>());
        services.AddSingleton<IStorageInitializer>(sp => sp.GetRequiredService<DuckDbAnalyticsStore>());
        services.AddSingleton<IHealthProbe>(sp => sp.GetRequiredService<DuckDbAnalyticsStore>());
        services.AddSingleton(sp => new DuckDbReader(sp.GetRequiredService<DuckDbDatabase>()));
        services.AddSingleton<ITraceSearch>(sp => new AnalyticsTraceSearch(sp.GetRequiredService<DuckDbReader>()));
        services.AddSingleton<ITraceDeletion>(sp => new DuckDbTraceDeletion(sp.GetRequiredService<DuckDbDatabase>()));
        services.AddSingleton<IObservationSearch>(sp => new AnalyticsObservationSearch(sp.GetRequiredService<DuckDbReader>()));
        services.AddSingleton<ISessionQueries>(sp => new DuckDbSessionQueries(sp.GetRequiredService<DuckDbDatabase>()));
        services.AddSingleton<IMetricsQueries>(sp => new AnalyticsMetricsQueries(sp.GetRequiredService<DuckDbReader>()));
        services.AddSingleton<IScoreQueries>(sp => new AnalyticsScoreQueries(sp.GetRequiredService<DuckDbReader>()));
        services.AddSingleton<IScoreDeletion>(sp => new DuckDbScoreDeletion(sp.GetRequiredService<DuckDbDatabase>()));
        services.AddSingleton<IDatasetRunItemStore>(sp => new DuckDbDatasetRunItems(sp.GetRequiredService<DuckDbDatabase>()));
        return services;
    }
}
