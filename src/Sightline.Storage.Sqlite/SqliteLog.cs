using Microsoft.Extensions.Logging;

namespace Sightline.Storage.Sqlite;

internal static partial class SqliteLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed a stale migration lock left by a process that stopped mid-migration")]
    public static partial void StaleMigrationLockRemoved(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} metadata migration(s): {Migrations}")]
    public static partial void ApplyingMigrations(this ILogger logger, int count, IReadOnlyList<string> migrations);
}
