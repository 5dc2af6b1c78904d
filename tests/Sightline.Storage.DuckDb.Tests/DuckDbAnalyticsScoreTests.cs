using Microsoft.Extensions.DependencyInjection;
using Sightline.Scores;
using Sightline.Storage.Tests;
using Sightline.Tracing;

namespace Sightline.Storage.DuckDb.Tests;

public sealed class DuckDbAnalyticsScoreTests : AnalyticsScoreContract
{
    private readonly TempDirectory _directory = new();

    protected override async Task<ScoreStore> OpenStoreAsync()
    {
        var provider = new ServiceCollection().AddLogging()
            .AddDuckDbAnalytics(Path.Combine(_directory.Path, "analytics.duckdb"), new DuckDbOptions())
            .BuildServiceProvider();
        foreach (var initializer in provider.GetServices<IStorageInitializer>())
        {
            await initializer.InitializeAsync(CancellationToken.None);
        }

        return new ScoreStore(
            provider.GetRequiredService<IAnalyticsWriter>(), provider.GetRequiredService<IScoreQueries>(), provider.GetRequiredService<IScoreDeletion>(),
            new Owner(provider, _directory));
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
