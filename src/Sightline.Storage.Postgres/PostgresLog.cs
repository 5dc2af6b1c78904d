using Microsoft.Extensions.Logging;

namespace Sightline.Storage.Postgres;

internal static partial class PostgresLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} PostgreSQL metadata migration(s): {Migrations}")]
    public static partial void ApplyingMigrations(this ILogger logger, int count, IEnumerable<string> migrations);
}
