using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Sightline.Projects;
using Sightline.Storage.Postgres;

namespace Sightline.Storage.Tests;

/// <summary>The scale profile's metadata store on a real PostgreSQL server.</summary>
public sealed class PostgresMigrationTests
{
    private static DbContextOptions<SightlineDbContext> Options(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<SightlineDbContext>();
        PostgresStorageExtensions.Configure(builder, connectionString);
        return builder.Options;
    }

    private static PostgresMetadataInitializer InitializerFor(string connectionString) =>
        new(new PooledDbContextFactory<SightlineDbContext>(Options(connectionString)), NullLogger<PostgresMetadataInitializer>.Instance);

    [Fact]
    public void Model_HasNoChangesMissingFromTheMigrations()
    {
        using var db = new SightlineDbContext(Options("Host=localhost;Database=unused"));

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration: run eng/add-migration.sh <Name>.");
    }

    [Fact]
    public async Task Initializer_FreshDatabase_AppliesEveryMigrationAndTheSecondRunIsANoOp()
    {
        await using var pg = await TestPostgres.CreateDatabaseAsync();

        await InitializerFor(pg.ConnectionString).InitializeAsync(CancellationToken.None);
        await InitializerFor(pg.ConnectionString).InitializeAsync(CancellationToken.None);

        await using var db = new SightlineDbContext(Options(pg.ConnectionString));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Initializer_SeveralNodesStartingAtOnce_MigrateOnceWithoutErrors()
    {
        await using var pg = await TestPostgres.CreateDatabaseAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => InitializerFor(pg.ConnectionString).InitializeAsync(CancellationToken.None))));

        await using var db = new SightlineDbContext(Options(pg.ConnectionString));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Model_RoundTripsRowsWithUtcTimesAndUniqueKeys()
    {
        await using var pg = await TestPostgres.CreateDatabaseAsync();
        await InitializerFor(pg.ConnectionString).InitializeAsync(CancellationToken.None);
        var created = new DateTime(2026, 5, 6, 7, 8, 9, DateTimeKind.Utc);

        await using (var db = new SightlineDbContext(Options(pg.ConnectionString)))
        {
            db.Organizations.Add(new Organization { Id = "org-1", Name = "Org", CreatedAt = created, UpdatedAt = created });
            db.Projects.Add(new Project { Id = "project-1", OrganizationId = "org-1", Name = "Project", CreatedAt = created, UpdatedAt = created });
            await db.SaveChangesAsync();
        }

        await using (var db = new SightlineDbContext(Options(pg.ConnectionString)))
        {
            var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == "project-1");
            Assert.Equal(created, project.CreatedAt);
            Assert.Equal(DateTimeKind.Utc, project.CreatedAt.Kind);
            db.Projects.Add(new Project { Id = "project-1", OrganizationId = "org-1", Name = "Duplicate", CreatedAt = created, UpdatedAt = created });
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
        }
    }
}
