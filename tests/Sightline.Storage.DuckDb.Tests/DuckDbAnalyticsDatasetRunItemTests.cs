using Microsoft.Extensions.DependencyInjection;
using Sightline.Datasets;
using Sightline.Storage.Tests;
using Sightline.Tracing;

namespace Sightline.Storage.DuckDb.Tests;

public sealed class DuckDbAnalyticsDatasetRunItemTests : AnalyticsDatasetRunItemContract
{
    private readonly TempDirectory _directory = new();

    protected override async Task<RunItemStore> OpenStoreAsync()
    {
        var provider = new ServiceCollection().AddLogging()
            .AddDuckDbAnalytics(Path.Combine(_directory.Path, "analytics.duckdb"), new DuckDbOptions())
            .BuildServiceProvider();
        foreach (var initializer in provider.GetServices<IStorageInitializer>())
        {
            await initializer.InitializeAsync(CancellationToken.None);
        }

        return new RunItemStore(provider.GetRequiredService<IAnalyticsWriter>(), provider.GetRequiredService<IDatasetRunItemStore>(), new Owner(provider, _directory));
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
