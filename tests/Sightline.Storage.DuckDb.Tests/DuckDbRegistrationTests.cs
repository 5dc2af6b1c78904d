using Microsoft.Extensions.DependencyInjection;
using Sightline.Health;
using Sightline.Tracing;

namespace Sightline.Storage.DuckDb.Tests;

public sealed class DuckDbRegistrationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AddDuckDbAnalytics_RegistersOneStoreForEveryPort_AndItsInitializerCanRunTwice()
    {
        var services = new ServiceCollection().AddLogging().AddDuckDbAnalytics(Path.Combine(_directory.Path, "data", "analytics.duckdb"), new DuckDbOptions());
        await using var provider = services.BuildServiceProvider();

        var initializer = Assert.Single(provider.GetServices<IStorageInitializer>());
        await initializer.InitializeAsync(CancellationToken.None);
        await initializer.InitializeAsync(CancellationToken.None);
        var writer = provider.GetRequiredService<IAnalyticsWriter>();
        var queries = provider.GetRequiredService<ITraceQueries>();
        var probe = Assert.Single(provider.GetServices<IHealthProbe>());

        Assert.Same(writer, queries);
        Assert.Same(writer, initializer);
        Assert.Same(writer, probe);
        Assert.Null(await probe.CheckAsync(CancellationToken.None));
    }

    [Fact]
    public void AddDuckDbAnalytics_WithInvalidOptions_NamesTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new ServiceCollection().AddDuckDbAnalytics(Path.Combine(_directory.Path, "a.duckdb"), new DuckDbOptions { MemoryLimitBytes = 1024, Threads = 0, CheckpointThresholdBytes = 1000 }));

        Assert.Contains("MemoryLimitBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("CheckpointThresholdBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("Threads", error.Message, StringComparison.Ordinal);
    }
}
