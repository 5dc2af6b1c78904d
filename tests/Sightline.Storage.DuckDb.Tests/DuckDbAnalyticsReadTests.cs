using Microsoft.Extensions.DependencyInjection;
using Sightline.Metrics;
using Sightline.Storage.Tests;
using Sightline.Tracing;

namespace Sightline.Storage.DuckDb.Tests;

public sealed class DuckDbAnalyticsReadTests : AnalyticsReadContract
{
    private readonly TempDirectory _directory = new();

    protected override async Task<ReadStore> OpenStoreAsync()
    {
        var provider = new ServiceCollection().AddLogging()
            .AddDuckDbAnalytics(Path.Combine(_directory.Path, "analytics.duckdb"), new DuckDbOptions())
            .BuildServiceProvider();
        foreach (var initializer in provider.GetServices<IStorageInitializer>())
        {
            await initializer.InitializeAsync(CancellationToken.None);
        }

        return new ReadStore(
            provider.GetRequiredService<IAnalyticsWriter>(), provider.GetRequiredService<ITraceQueries>(), provider.GetRequiredService<ITraceSearch>(),
            provider.GetRequiredService<IObservationSearch>(), provider.GetRequiredService<ISessionQueries>(), provider.GetRequiredService<ITraceDeletion>(),
            provider.GetRequiredService<IMetricsQueries>(), new Owner(provider, _directory));
    }

    private sealed class Owner(ServiceProvider provider, TempDirectory directory) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await provider.DisposeAsync();
            directory.Dispose();
        }
    }
}
