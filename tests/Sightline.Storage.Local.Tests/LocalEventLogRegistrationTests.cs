using Microsoft.Extensions.DependencyInjection;
using Sightline.Health;
using Sightline.Ingestion;

namespace Sightline.Storage.Local.Tests;

public sealed class LocalEventLogRegistrationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AddLocalEventLog_RegistersOneLogForEveryRole_AndItsInitializerCanRunTwice()
    {
        var services = new ServiceCollection().AddLogging().AddLocalEventLog(Path.Combine(_directory.Path, "events"), new LocalEventLogOptions());
        await using var provider = services.BuildServiceProvider();

        var initializer = Assert.Single(provider.GetServices<IStorageInitializer>());
        await initializer.InitializeAsync(CancellationToken.None);
        await initializer.InitializeAsync(CancellationToken.None);
        var log = provider.GetRequiredService<IEventLog>();
        var consumer = provider.GetRequiredService<IEventLogConsumer>();
        await log.AppendAsync("hello"u8.ToArray(), CancellationToken.None);
        var batch = await consumer.ReadAsync(10, TimeSpan.FromSeconds(30), CancellationToken.None);
        var health = await Assert.Single(provider.GetServices<IHealthProbe>()).CheckAsync(CancellationToken.None);

        Assert.Same(log, consumer);
        Assert.Equal("hello"u8.ToArray(), Assert.Single(batch.Records).ToArray());
        Assert.Null(health);
    }

    [Fact]
    public void AddLocalEventLog_WithInvalidOptions_NamesTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new ServiceCollection().AddLocalEventLog(_directory.Path, new LocalEventLogOptions { SegmentBytes = 4, MaxBacklogBytes = 0 }));

        Assert.Contains("SegmentBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxBacklogBytes", error.Message, StringComparison.Ordinal);
    }
}
