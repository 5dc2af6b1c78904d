using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sightline.Datasets;
using Sightline.Health;
using Sightline.Metrics;
using Sightline.Scores;
using Sightline.Storage.Analytics.Sql;
using Sightline.Tracing;

namespace Sightline.Storage.ClickHouse;

public static class ClickHouseStorageExtensions
{
    /// <summary>
    /// Analytics store of the scale profile: ClickHouse over its HTTP interface. The initializer checks the server's
    /// version and applies the schema steps.
    /// </summary>
    public static IServiceCollection AddClickHouseAnalytics(this IServiceCollection services, ClickHouseOptions options) =>
        services.AddClickHouseAnalytics(options, () => new SocketsHttpHandler
        {
            // Connections are re-opened now and then, so DNS changes (a ClickHouse service moving) are followed.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // ClickHouse closes an idle keep-alive connection after keep_alive_timeout (3 seconds by default in many
            // releases); reusing one it already closed fails the request, so idle connections are dropped first.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        });

    /// <summary>The same with the HTTP handler given, for tests that need to see or break the traffic.</summary>
    internal static IServiceCollection AddClickHouseAnalytics(this IServiceCollection services, ClickHouseOptions options, Func<HttpMessageHandler> handler)
    {
        var errors = options.Errors().ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid ClickHouse options: " + string.Join(" ", errors), nameof(options));
        }

        services.AddSingleton(_ => new ClickHouseClient(handler(), options));
        services.AddSingleton(sp => new VersionClock(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new ClickHouseMigrator(
            sp.GetRequiredService<ClickHouseClient>(),
            Ddl(options),
            ClickHouseSchema.Steps(Ddl(options)),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            Logger<ClickHouseMigrator>(sp)));
        services.AddSingleton(sp => new ClickHouseAnalyticsStore(
            sp.GetRequiredService<ClickHouseClient>(),
            sp.GetRequiredService<ClickHouseMigrator>(),
            sp.GetRequiredService<VersionClock>(),
            Logger<ClickHouseAnalyticsStore>(sp)));
        services.AddSingleton<IAnalyticsWriter>(sp => sp.GetRequiredService<ClickHouseAnalyticsStore>());
        services.AddSingleton<ITraceQueries>(sp => sp.GetRequiredService<ClickHouseAnalyticsStore>());
        services.AddSingleton<IStorageInitializer>(sp => sp.GetRequiredService<ClickHouseAnalyticsStore>());
        services.AddSingleton<IHealthProbe>(sp => sp.GetRequiredService<ClickHouseAnalyticsStore>());
        services.AddSingleton(sp => new ClickHouseReader(sp.GetRequiredService<ClickHouseClient>()));
        services.AddSingleton<ITraceSearch>(sp => new AnalyticsTraceSearch(sp.GetRequiredService<ClickHouseReader>()));
        services.AddSingleton<ITraceDeletion>(sp => new ClickHouseTraceDeletion(sp.GetRequiredService<ClickHouseClient>(), sp.GetRequiredService<VersionClock>()));
        services.AddSingleton<IObservationSearch>(sp => new AnalyticsObservationSearch(sp.GetRequiredService<ClickHouseReader>()));
        services.AddSingleton<ISessionQueries>(sp => new ClickHouseSessionQueries(sp.GetRequiredService<ClickHouseClient>()));
        services.AddSingleton<IMetricsQueries>(sp => new AnalyticsMetricsQueries(sp.GetRequiredService<ClickHouseReader>()));
        services.AddSingleton<IScoreQueries>(sp => new AnalyticsScoreQueries(sp.GetRequiredService<ClickHouseReader>()));
        services.AddSingleton<IScoreDeletion>(sp => new ClickHouseScoreDeletion(sp.GetRequiredService<ClickHouseClient>(), sp.GetRequiredService<VersionClock>()));
        services.AddSingleton<IDatasetRunItemStore>(sp => new ClickHouseDatasetRunItems(sp.GetRequiredService<ClickHouseClient>(), sp.GetRequiredService<VersionClock>()));
        return services;
    }

    internal static ClickHouseDdl Ddl(ClickHouseOptions options) => new(options.Database, options.ClusterEnabled, options.ClusterName);

    private static ILogger<T> Logger<T>(IServiceProvider sp) => sp.GetService<ILogger<T>>() ?? NullLogger<T>.Instance;
}
