using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sightline.Storage;

namespace Sightline.Storage.Postgres;

public static class PostgresStorageExtensions
{
    /// <summary>
    /// Metadata store of the scale profile: the same EF Core model as the embedded profile on PostgreSQL, with this
    /// provider's own migrations, applied at start.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string (keyword form, so passwords need no escaping).</param>
    public static IServiceCollection AddPostgresMetadata(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddPooledDbContextFactory<SightlineDbContext>(o => Configure(o, connectionString));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<SightlineDbContext>>().CreateDbContext());
        services.AddSingleton<IStorageInitializer>(sp => new PostgresMetadataInitializer(
            sp.GetRequiredService<IDbContextFactory<SightlineDbContext>>(), sp.GetRequiredService<ILogger<PostgresMetadataInitializer>>()));
        return services;
    }

    internal static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgresStorageExtensions).Assembly.GetName().Name));
}
