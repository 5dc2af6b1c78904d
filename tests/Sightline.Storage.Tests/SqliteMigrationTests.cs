using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Internal;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging.Abstractions;
using Sightline.Storage.Sqlite;

namespace Sightline.Storage.Tests;

/// <summary>
/// The embedded profile applies migrations from SQL scripts (fast start) and queries through a compiled model.
/// These tests keep both in lock-step with the EF model and its migrations.
/// </summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sightline-storage-").FullName;

    [Fact]
    public void EveryMigration_ShipsItsSqlScript()
    {
        Assert.NotEmpty(SqliteMetadataInitializer.KnownMigrations.Value);
        Assert.All(SqliteMetadataInitializer.KnownMigrations.Value, id => Assert.NotNull(SqliteMetadataInitializer.ReadScript(id)));
    }

    [Fact]
    public async Task SqlScripts_BuildTheSameSchemaAsEfMigrations()
    {
        var viaScripts = Path.Combine(_directory, "scripts.db");
        var viaEf = Path.Combine(_directory, "ef.db");

        await InitializerFor(viaScripts).InitializeAsync(CancellationToken.None);
        await using (var db = new SightlineDbContext(DesignTimeOptions(viaEf)))
        {
            await db.Database.MigrateAsync();
        }

        var ef = await SchemaAsync(viaEf);
        var scripts = await SchemaAsync(viaScripts);
        Assert.Equal(string.Join("\n", ef), string.Join("\n", scripts));
        Assert.Equal(await HistoryAsync(viaEf), await HistoryAsync(viaScripts));
    }

    [Fact]
    public async Task Initializer_RunTwice_IsANoOpAndEfSeesNothingPending()
    {
        var path = Path.Combine(_directory, "twice.db");
        await InitializerFor(path).InitializeAsync(CancellationToken.None);
        var before = await SchemaAsync(path);

        await InitializerFor(path).InitializeAsync(CancellationToken.None);

        Assert.Equal(before, await SchemaAsync(path));
        await using var db = new SightlineDbContext(DesignTimeOptions(path));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Initializer_AfterAScriptFailedHalfway_LeavesTheDatabaseAsBefore()
    {
        // A crash inside a migration must roll back to the previous version: run the first script's statements with
        // one that fails at the end, and check nothing of it stayed behind.
        var path = Path.Combine(_directory, "half.db");
        var script = SqliteMetadataInitializer.ReadScript(SqliteMetadataInitializer.KnownMigrations.Value[0])!;
        var broken = script.Replace("COMMIT;", "SELECT * FROM table_that_does_not_exist;\nCOMMIT;", StringComparison.Ordinal);
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = broken;
            await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
        }

        Assert.DoesNotContain(await SchemaAsync(path), row => row.StartsWith("table|organizations", StringComparison.Ordinal));

        await InitializerFor(path).InitializeAsync(CancellationToken.None);
        Assert.Contains(await SchemaAsync(path), row => row.StartsWith("table|organizations", StringComparison.Ordinal));
    }

    [Fact]
    public void Model_HasNoChangesMissingFromTheMigrations()
    {
        using var db = new SightlineDbContext(DesignTimeOptions(Path.Combine(_directory, "model.db")));

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run eng/add-migration.sh <Name>.");
    }

    [Fact]
    public void CompiledModel_MatchesTheModelBuiltFromCode()
    {
        using var db = new SightlineDbContext(DesignTimeOptions(Path.Combine(_directory, "compiled.db")));

        Assert.Equal(Describe(db.GetService<IDesignTimeModel>().Model), Describe(Sightline.Storage.Sqlite.CompiledModel.SightlineDbContextModel.Instance));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static SqliteMetadataInitializer InitializerFor(string path)
    {
        var connectionString = SqliteStorageExtensions.ConnectionString(path);
        var factory = new PooledDbContextFactory<SightlineDbContext>(RuntimeOptions(connectionString));
        return new SqliteMetadataInitializer(connectionString, factory, NullLogger<SqliteMetadataInitializer>.Instance);
    }

    private static DbContextOptions<SightlineDbContext> RuntimeOptions(string connectionString)
    {
        var options = new DbContextOptionsBuilder<SightlineDbContext>();
        SqliteStorageExtensions.Configure(options, connectionString);
        return options.Options;
    }

    /// <summary>The model built from <c>OnModelCreating</c>, not the compiled one.</summary>
    private static DbContextOptions<SightlineDbContext> DesignTimeOptions(string path) =>
        new DbContextOptionsBuilder<SightlineDbContext>()
            .UseSqlite($"Data Source={path};Pooling=false", o => o.MigrationsAssembly(typeof(SqliteStorageExtensions).Assembly.GetName().Name))
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;

    private static async Task<List<string>> SchemaAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name, COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // Layout differs between EF's generator and hand-written DDL (the lock table); the statements may not.
            rows.Add($"{reader.GetString(0)}|{reader.GetString(1)}|{System.Text.RegularExpressions.Regex.Replace(reader.GetString(2), @"\s+", string.Empty)}");
        }

        return rows;
    }

    private static async Task<List<string>> HistoryAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static List<string> Describe(IModel model) =>
        model.GetEntityTypes()
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .SelectMany(e => e.GetProperties()
                .Select(p => $"{e.GetTableName()}.{p.GetColumnName()}:{p.ClrType.Name}:{p.IsNullable}:{p.GetMaxLength()}:{p.GetValueConverter()?.GetType().Name}")
                .Concat(e.GetIndexes().Select(i => $"{e.GetTableName()} index {string.Join(",", i.Properties.Select(p => p.Name))} unique={i.IsUnique}"))
                .Concat(e.GetForeignKeys().Select(f => $"{e.GetTableName()} fk {string.Join(",", f.Properties.Select(p => p.Name))}->{f.PrincipalEntityType.GetTableName()} {f.DeleteBehavior}"))
                .Order(StringComparer.Ordinal))
            .ToList();
}
