using Microsoft.Extensions.DependencyInjection;
using Sightline.Datasets;
using Sightline.Storage.ClickHouse;
using Sightline.Tracing;

namespace Sightline.Storage.Tests.ClickHouse;

/// <summary>The dataset run item contract on ClickHouse, each test in a database of its own.</summary>
public sealed class ClickHouseAnalyticsDatasetRunItemTests : AnalyticsDatasetRunItemContract
{
    protected override async Task<RunItemStore> OpenStoreAsync()
    {
        var clickHouse = TestClickHouse.NewDatabase();
        var provider = new ServiceCollection().AddLogging().AddClickHouseAnalytics(clickHouse.Options).BuildServiceProvider();
        await provider.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);
        return new RunItemStore(provider.GetRequiredService<IAnalyticsWriter>(), provider.GetRequiredService<IDatasetRunItemStore>(), new Owner(provider, clickHouse));
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
