using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace Sightline.Storage.Sqlite;

/// <summary>
/// Applies the SQLite migrations. Each migration runs in its own transaction (SQLite DDL is transactional), so a
/// crash mid-migration rolls back to the previous version. EF's SQLite migration lock is a table row that
/// survives a crash and would make every later start wait forever; the embedded profile holds an exclusive
/// lock on the data directory, so any lock row found here is stale and is removed.
/// </summary>
internal sealed class SqliteMetadataInitializer(
    string connectionString,
    IDbContextFactory<SightlineDbContext> dbFactory,
    ILogger<SqliteMetadataInitializer> logger) : IStorageInitializer
{
    public string Name => "sqlite metadata";

    public async Task InitializeAsync(CancellationToken ct)
    {
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            // WAL lets the health probe and readers run while a write is in progress.
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", ct);
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                """, ct);
            var removed = await ExecuteAsync(connection, """DELETE FROM "__EFMigrationsLock";""", ct);
            if (removed > 0)
            {
                logger.StaleMigrationLockRemoved();
            }

            // EF's migrator costs about a second of JIT at first start. Each migration therefore also ships as the
            // SQL script EF generates for it (eng/add-migration.sh; a test proves script and migration agree), and
            // the scripts are applied directly. Each script is one transaction that also records its history row.
            var applied = await AppliedMigrationsAsync(connection, ct);
            var pending = KnownMigrations.Value.Where(m => !applied.Contains(m)).ToList();
            if (pending.Count == 0)
            {
                return;
            }

            logger.ApplyingMigrations(pending.Count, pending);
            if (pending.All(m => ReadScript(m) is not null))
            {
                foreach (var migration in pending)
                {
                    await ApplyScriptAsync(connection, ReadScript(migration)!, ct);
                }

                return;
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
    }

    private static async Task<HashSet<string>> AppliedMigrationsAsync(SqliteConnection connection, CancellationToken ct)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
        if (await command.ExecuteScalarAsync(ct) is null)
        {
            return applied;
        }

        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }

    private static async Task ApplyScriptAsync(SqliteConnection connection, string script, CancellationToken ct)
    {
        try
        {
            await ExecuteAsync(connection, script, ct);
        }
        catch
        {
            // The script's own BEGIN may still be open on this connection; undo it before the error surfaces.
            try
            {
                await ExecuteAsync(connection, "ROLLBACK;", CancellationToken.None);
            }
            catch (SqliteException)
            {
                // No transaction was open.
            }

            throw;
        }
    }

    internal static string? ReadScript(string migrationId)
    {
        using var stream = typeof(SqliteMetadataInitializer).Assembly.GetManifestResourceStream($"Sightline.Storage.Sqlite.Migrations.Sql.{migrationId}.sql");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    internal static readonly Lazy<string[]> KnownMigrations = new(() => typeof(SqliteMetadataInitializer).Assembly.GetTypes()
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
        .OfType<string>()
        .Order(StringComparer.Ordinal)
        .ToArray());

    private static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(ct);
    }
}
