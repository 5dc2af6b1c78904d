namespace Sightline.Server.Configuration;

internal enum Profile
{
    /// <summary>SQLite + DuckDB + local files under the data directory; no external services.</summary>
    Embedded,
    /// <summary>PostgreSQL, ClickHouse, Redis/Valkey and S3.</summary>
    Scale,
}
