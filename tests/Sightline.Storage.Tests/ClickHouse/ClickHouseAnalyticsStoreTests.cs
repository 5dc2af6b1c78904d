using Microsoft.Extensions.DependencyInjection;
using Sightline.Storage.ClickHouse;
using Sightline.Tracing;

namespace Sightline.Storage.Tests.ClickHouse;

/// <summary>The analytics store contract on ClickHouse; every store a test opens shares that test's database.</summary>
public sealed class ClickHouseAnalyticsStoreTests : AnalyticsStoreContract
{
    private readonly TestClickHouse _clickHouse = TestClickHouse.NewDatabase();

    protected override async Task<OpenedStore> OpenStoreAsync()
    {
        var provider = new ServiceCollection().AddLogging().AddClickHouseAnalytics(_clickHouse.Options).BuildServiceProvider();
        var initializer = provider.GetRequiredService<IStorageInitializer>();
        await initializer.InitializeAsync(CancellationToken.None);
        return new OpenedStore(provider.GetRequiredService<IAnalyticsWriter>(), provider.GetRequiredService<ITraceQueries>(), initializer, provider);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _clickHouse.DisposeAsync();
    }

    [Fact]
    public async Task WriteAsync_ReplacedRows_StayHiddenBeforeAnyMerge()
    {
        var store = await OpenAsync();
        var project = NewProject();
        await TestClickHouse.RunAsync($"SYSTEM STOP MERGES `{_clickHouse.Database}`.observations");
        for (var i = 0; i < 5; i++)
        {
            await store.Writer.WriteAsync(Batch(observations: [MinimalObservation(project, "o", "t") with { Name = $"v{i}" }]), CancellationToken.None);
        }

        var stored = await TestClickHouse.RunAsync($"SELECT count() FROM `{_clickHouse.Database}`.observations WHERE project_id = '{project}'");
        Assert.Equal("5", stored.Trim());
        Assert.Equal("v4", Assert.Single(await store.Queries.GetObservationsOfTraceAsync(project, "t", CancellationToken.None)).Name);
        Assert.Equal("v4", Assert.Single(await store.Writer.GetObservationsAsync([new(project, "o")], CancellationToken.None)).Name);
    }
}
