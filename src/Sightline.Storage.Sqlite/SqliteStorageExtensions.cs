using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sightline.Storage;

namespace Sightline.Storage.Sqlite;

public static class SqliteStorageExtensions
{
    /// <summary>Metadata store of the embedded profile: one SQLite file, migrated at start.</summary>
    public static IServiceCollection AddSqliteMetadata(this IServiceCollection services, string databasePath)
    {
        var connectionString = ConnectionString(databasePath);
        services.AddPooledDbContextFactory<SightlineDbContext>(o => Configure(o, connectionString));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<SightlineDbContext>>().CreateDbContext());
        services.AddSingleton<IStorageInitializer>(sp => new SqliteMetadataInitializer(
            connectionString, sp.GetRequiredService<IDbContextFactory<SightlineDbContext>>(), sp.GetRequiredService<ILogger<SqliteMetadataInitializer>>()));
        return services;
    }

    internal static string ConnectionString(string databasePath) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

    internal static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseModel(CompiledModel.SightlineDbContextModel.Instance)
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteStorageExtensions).Assembly.GetName().Name))
            // The model-vs-snapshot diff behind this warning costs a second at first start; a test asserts instead
            // that the snapshot matches the model.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
}
