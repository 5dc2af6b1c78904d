using Microsoft.Extensions.Logging;

namespace Sightline.Storage.ClickHouse;

internal static partial class ClickHouseLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics store is ClickHouse {Version} at {Url}, database {Database}{Cluster}")]
    public static partial void Connected(this ILogger logger, string version, string url, string database, string cluster);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created ClickHouse database {Database}")]
    public static partial void DatabaseCreated(this ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied analytics schema step {Step}")]
    public static partial void SchemaStepApplied(this ILogger logger, string step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics store health check failed")]
    public static partial void HealthCheckFailed(this ILogger logger, Exception exception);
}
