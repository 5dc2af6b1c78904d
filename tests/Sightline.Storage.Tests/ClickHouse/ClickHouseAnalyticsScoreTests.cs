using Microsoft.Extensions.DependencyInjection;
using Sightline.Scores;
using Sightline.Storage.ClickHouse;
using Sightline.Tracing;

namespace Sightline.Storage.Tests.ClickHouse;

/// <summary>The score read and delete contract on ClickHouse, each test in a database of its own.</summary>
public sealed class ClickHouseAnalyticsScoreTests : AnalyticsScoreContract
{
    protected override async Task<ScoreStore> OpenStoreAsync()
    {
        var clickHouse = TestClickHouse.NewDatabase();
        var provider = new ServiceCollection().AddLogging().AddClickHouseAnalytics(clickHouse.Options).BuildServiceProvider();
        await provider.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);
        return new ScoreStore(
            provider.GetRequiredService<IAnalyticsWriter>(), provider.GetRequiredService<IScoreQueries>(), provider.GetRequiredService<IScoreDeletion>(),
            new Owner(provider, clickHouse));
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
