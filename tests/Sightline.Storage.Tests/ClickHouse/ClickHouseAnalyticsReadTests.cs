using Microsoft.Extensions.DependencyInjection;
using Sightline.Metrics;
using Sightline.Storage.ClickHouse;
using Sightline.Tracing;

namespace Sightline.Storage.Tests.ClickHouse;

/// <summary>The read API contract on ClickHouse, each test in a database of its own.</summary>
public sealed class ClickHouseAnalyticsReadTests : AnalyticsReadContract
{
    protected override async Task<ReadStore> OpenStoreAsync()
    {
        var clickHouse = TestClickHouse.NewDatabase();
        var provider = new ServiceCollection().AddLogging().AddClickHouseAnalytics(clickHouse.Options).BuildServiceProvider();
        await provider.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);
        return new ReadStore(
            provider.GetRequiredService<IAnalyticsWriter>(), provider.GetRequiredService<ITraceQueries>(), provider.GetRequiredService<ITraceSearch>(),
            provider.GetRequiredService<IObservationSearch>(), provider.GetRequiredService<ISessionQueries>(), provider.GetRequiredService<ITraceDeletion>(),
            provider.GetRequiredService<IMetricsQueries>(), new Owner(provider, clickHouse));
    }

    private sealed class Owner(ServiceProvider provider, TestClickHouse clickHouse) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await provider.DisposeAsync();
            await clickHouse.DisposeAsync();
        }
    }
}
