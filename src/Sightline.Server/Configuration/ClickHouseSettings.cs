namespace Sightline.Server.Configuration;

/// <summary>ClickHouse over its HTTP interface, from <c>CLICKHOUSE_URL</c> and friends.</summary>
internal sealed record ClickHouseSettings(Uri Url, string User, string? Password, string Database, bool ClusterEnabled, string ClusterName)
{
    public static ClickHouseSettings? Read(SettingsReader reader)
    {
        var urlText = reader.Get("CLICKHOUSE_URL");
        if (urlText is null)
        {
            return null;
        }

        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
        {
            reader.Errors.Add("CLICKHOUSE_URL", "is not an http(s) URL of ClickHouse's HTTP interface.",
                "set it to e.g. http://clickhouse:8123 (https://host:8443 for TLS); the native clickhouse:// protocol is only used by CLICKHOUSE_MIGRATION_URL.");
            return null;
        }

        if (reader.Get("CLICKHOUSE_MIGRATION_URL") is { } migrationUrl
            && (!Uri.TryCreate(migrationUrl, UriKind.Absolute, out var m) || m.Host.Length == 0))
        {
            reader.Errors.Add("CLICKHOUSE_MIGRATION_URL", "is not a URL.", "set it to e.g. clickhouse://clickhouse:9000, or unset it: Sightline migrates over CLICKHOUSE_URL.");
        }

        return new ClickHouseSettings(
            url,
            reader.Get("CLICKHOUSE_USER") ?? "default",
            reader.Get("CLICKHOUSE_PASSWORD"),
            reader.Get("CLICKHOUSE_DB") ?? "default",
            reader.GetBool("CLICKHOUSE_CLUSTER_ENABLED") ?? false,
            reader.Get("CLICKHOUSE_CLUSTER_NAME") ?? "default");
    }
}
