using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Sightline.Storage.Tests;
using Sightline.Tracing;

namespace Sightline.Storage.DuckDb.Tests;

public sealed class DuckDbAnalyticsStoreTests : AnalyticsStoreContract
{
    private readonly TempDirectory _directory = new();
    private readonly List<DuckDbAnalyticsStore> _stores = [];

    private string DatabasePath => Path.Combine(_directory.Path, "analytics.duckdb");

    protected override async Task<OpenedStore> OpenStoreAsync()
    {
        var store = await OpenDuckDbAsync(new DuckDbOptions(), loadKeys: true);
        return new OpenedStore(store, store, store, store);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _directory.Dispose();
    }

    private async Task<DuckDbAnalyticsStore> OpenDuckDbAsync(DuckDbOptions options, bool initialize = true, bool loadKeys = false)
    {
        var store = new DuckDbAnalyticsStore(
            new DuckDbDatabase(DatabasePath, options, TimeProvider.System, NullLogger<DuckDbDatabase>.Instance), NullLogger<DuckDbAnalyticsStore>.Instance);
        _stores.Add(store);
        if (initialize)
        {
            await store.InitializeAsync(CancellationToken.None);
        }

        if (loadKeys)
        {
            // Opens the database; the store then runs against its key filters, as it does once ingestion started.
            await store.LoadKeysAsync();
        }

        return store;
    }

    // The store holds the database instance open; DuckDB.NET hands a connection to the same path that instance,
    // so these queries see the settings and rows the store sees.
    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new DuckDBConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Open_WithOptions_AppliesMemoryLimitAndThreads()
    {
        var store = await OpenDuckDbAsync(new DuckDbOptions { MemoryLimitBytes = 64L * 1024 * 1024, Threads = 1, CheckpointThresholdBytes = 32L * 1024 * 1024 });
        await store.GetTraceAsync("p", "t", CancellationToken.None);

        Assert.Null(await store.CheckAsync(CancellationToken.None));
        Assert.Equal("64.0 MiB", await ScalarAsync("SELECT current_setting('memory_limit')"));
        Assert.Equal("32.0 MiB", await ScalarAsync("SELECT current_setting('checkpoint_threshold')"));
        Assert.Equal(1L, Convert.ToInt64(await ScalarAsync("SELECT current_setting('threads')"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DuckDbOptions_Defaults_CapMemoryAt128MiBAndUseOneThread()
    {
        var options = new DuckDbOptions();

        Assert.Equal(128L * 1024 * 1024, options.MemoryLimitBytes);
        Assert.Equal(64L * 1024 * 1024, options.CheckpointThresholdBytes);
        Assert.Equal(1, options.Threads);
    }

    [Fact]
    public async Task FirstUse_FreshFile_RecordsEveryStepOnce()
    {
        var store = await OpenDuckDbAsync(new DuckDbOptions());
        await store.InitializeAsync(CancellationToken.None);
        await store.GetTraceAsync("p", "t", CancellationToken.None);

        Assert.Equal((long)DuckDbSchema.Steps.Count, Convert.ToInt64(await ScalarAsync("SELECT count(*) FROM schema_migrations"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DuckDbSchema.LastStep, await ScalarAsync("SELECT max(name) FROM schema_migrations"));
    }

    [Fact]
    public async Task FirstUse_AfterCrashBeforeTheLedgerRow_CompletesTheStep()
    {
        // A step whose tables exist but whose ledger row is missing: what a crash between the two would leave if
        // they did not commit together, and the worst case the initializer must survive.
        var store = await OpenDuckDbAsync(new DuckDbOptions(), initialize: false);
        await ScalarAsync("CREATE TABLE schema_migrations (name VARCHAR NOT NULL PRIMARY KEY, applied_at TIMESTAMP NOT NULL)");
        await ScalarAsync(DuckDbSchema.Steps[0].Sql);

        await store.InitializeAsync(CancellationToken.None);
        await store.WriteAsync(Batch([MinimalTrace("p", "t")]), CancellationToken.None);

        Assert.Null(await store.CheckAsync(CancellationToken.None));
        Assert.NotNull(await store.GetTraceAsync("p", "t", CancellationToken.None));
    }

    [Fact]
    public async Task InitializeAsync_OpensNothing_AndTheFirstUseOpensAndMigrates()
    {
        var store = await OpenDuckDbAsync(new DuckDbOptions());

        // The start leaves the file alone (the native library is not even loaded); health is green meanwhile.
        Assert.False(File.Exists(DatabasePath));
        Assert.Null(await store.CheckAsync(CancellationToken.None));
        Assert.False(File.Exists(DatabasePath));

        await store.WriteAsync(Batch([MinimalTrace("p", "t")]), CancellationToken.None);

        Assert.True(File.Exists(DatabasePath));
        Assert.Null(await store.CheckAsync(CancellationToken.None));
        Assert.Equal(DuckDbSchema.LastStep, await ScalarAsync("SELECT max(name) FROM schema_migrations"));
    }

    [Fact]
    public async Task InitializeAsync_FileThatIsNotDuckDb_FailsAtStartNamingTheFile()
    {
        await File.WriteAllTextAsync(DatabasePath, "this is a text file someone put here, not a database");
        var store = await OpenDuckDbAsync(new DuckDbOptions(), initialize: false);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => store.InitializeAsync(CancellationToken.None));

        Assert.Contains(DatabasePath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a DuckDB database", ex.Message, StringComparison.Ordinal);
        Assert.Equal("Analytics store not initialized", await store.CheckAsync(CancellationToken.None));
    }

    [Fact]
    public async Task InitializeAsync_ExistingDatabase_PassesTheHeaderCheck()
    {
        var first = await OpenDuckDbAsync(new DuckDbOptions());
        await first.WriteAsync(Batch([MinimalTrace("p", "t")]), CancellationToken.None);
        await first.DisposeAsync();

        var second = await OpenDuckDbAsync(new DuckDbOptions());

        Assert.NotNull(await second.GetTraceAsync("p", "t", CancellationToken.None));
    }

    [Fact]
    public async Task CheckAsync_BeforeInitialize_ReportsAReason()
    {
        var store = await OpenDuckDbAsync(new DuckDbOptions(), initialize: false);

        Assert.Equal("Analytics store not initialized", await store.CheckAsync(CancellationToken.None));
    }

    [Fact]
    public async Task CheckAsync_AfterDispose_ReportsNotAvailable()
    {
        var store = await OpenDuckDbAsync(new DuckDbOptions());
        await store.DisposeAsync();

        Assert.Equal("Analytics store not available", await store.CheckAsync(CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_TimesWithSubMillisecondTicks_StoresMillisecondsAsUtc()
    {
        var store = await OpenDuckDbAsync(new DuckDbOptions());
        var precise = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_567);
        var local = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Local);

        await store.WriteAsync(Batch([MinimalTrace("p", "t") with { Timestamp = precise, CreatedAt = local }]), CancellationToken.None);

        var trace = await store.GetTraceAsync("p", "t", CancellationToken.None);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, 123, DateTimeKind.Utc), trace!.Timestamp);
        Assert.Equal(local.ToUniversalTime(), trace.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, trace.CreatedAt.Kind);
    }

    [Fact]
    public async Task Schema_StoredMaps_AreDuckDbMapColumns()
    {
        var store = await OpenDuckDbAsync(new DuckDbOptions());
        await store.WriteAsync(Batch(observations: [FullObservation("p", "o", "t")]), CancellationToken.None);

        Assert.Equal(10L, Convert.ToInt64(await ScalarAsync("SELECT usage_details['input'] FROM observations WHERE project_id = 'p' AND id = 'o'"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("MAP(VARCHAR, DECIMAL(18,12))", await ScalarAsync("SELECT data_type FROM information_schema.columns WHERE table_name = 'observations' AND column_name = 'cost_details'"));
    }

    [Fact]
    public async Task WriteAsync_SameKeysAfterReopen_ReplacesTheRowsTheLoadedKeysKnow()
    {
        var first = await OpenDuckDbAsync(new DuckDbOptions());
        var observations = Enumerable.Range(0, 500).Select(i => FullObservation("p", $"o{i}", "t")).ToList();
        await first.WriteAsync(Batch([FullTrace("p", "t")], observations, [FullScore("p", "s", "t", "o1")]), CancellationToken.None);
        await first.DisposeAsync();

        var second = await OpenDuckDbAsync(new DuckDbOptions(), loadKeys: true);
        await second.WriteAsync(Batch(
            [FullTrace("p", "t") with { Name = "again" }],
            [.. observations.Select(o => o with { Name = "again" })],
            [FullScore("p", "s", "t", "o1") with { Comment = "again" }]), CancellationToken.None);

        Assert.Equal(1L, Convert.ToInt64(await ScalarAsync("SELECT count(*) FROM traces"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(500L, Convert.ToInt64(await ScalarAsync("SELECT count(DISTINCT id) FROM observations WHERE name = 'again'"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(500L, Convert.ToInt64(await ScalarAsync("SELECT count(*) FROM observations"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("again", await ScalarAsync("SELECT comment FROM scores"));
    }

    [Fact]
    public async Task GetObservationsAsync_NewKeysMixedWithStoredOnes_ReturnsOnlyTheStored()
    {
        var store = await OpenDuckDbAsync(new DuckDbOptions(), loadKeys: true);
        await store.WriteAsync(Batch(observations: [MinimalObservation("p", "stored", "t")]), CancellationToken.None);

        var found = await store.GetObservationsAsync([new("p", "stored"), new("p", "new"), new("other", "stored")], CancellationToken.None);

        Assert.Equal("stored", Assert.Single(found).Id);
        Assert.Empty(await store.GetObservationsAsync([new("p", "new")], CancellationToken.None));
    }
}
