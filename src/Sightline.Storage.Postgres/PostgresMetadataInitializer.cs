using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sightline.Storage;

namespace Sightline.Storage.Postgres;

/// <summary>
/// Applies the PostgreSQL migrations with EF's migrator. PostgreSQL DDL is transactional and EF runs each migration
/// in its own transaction, so a crash mid-migration leaves the previous version. Concurrent starts of several nodes
/// are serialized by a session-level advisory lock held for the whole run: EF's own lock for Npgsql lasts only as
/// long as the first migration's transaction, so with two or more pending migrations the nodes would each apply the
/// later ones. The server releases the lock when a crashed node's connection drops, so no stale lock can block the
/// next start.
/// </summary>
internal sealed class PostgresMetadataInitializer(
    IDbContextFactory<SightlineDbContext> dbFactory,
    ILogger<PostgresMetadataInitializer> logger) : IStorageInitializer
{
    /// <summary>"SIGHTLIN" as a 64-bit key: one advisory lock name shared by every node of a deployment.</summary>
    private const long MigrationLockKey = 6001406354425399630;

    public string Name => "postgresql metadata";

    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Opened here, the connection stays open for EF's migrator too, so the lock and the migrations share a session.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", ct);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count == 0)
            {
                return;
            }

            logger.ApplyingMigrations(pending.Count, pending);
            await db.Database.MigrateAsync(ct);
        }
        finally
        {
            // Closing the session releases the advisory lock.
            await db.Database.CloseConnectionAsync();
        }
    }
}
