using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sightline.Storage;

namespace Sightline.Storage.Postgres;

/// <summary>
/// Applies the PostgreSQL migrations with EF's migrator. PostgreSQL DDL is transactional and EF runs each migration
/// in its own transaction, so a crash mid-migration leaves the previous version; EF serializes concurrent starts
/// of several nodes with a session-level advisory lock, which the server releases when a crashed node's
/// connection drops, so no stale lock can block the next start.
/// </summary>
internal sealed class PostgresMetadataInitializer(
    IDbContextFactory<SightlineDbContext> dbFactory,
    ILogger<PostgresMetadataInitializer> logger) : IStorageInitializer
{
    public string Name => "postgresql metadata";

    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        logger.ApplyingMigrations(pending.Count, pending);
        await db.Database.MigrateAsync(ct);
    }
}
