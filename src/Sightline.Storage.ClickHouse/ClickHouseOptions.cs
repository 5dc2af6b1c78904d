namespace Sightline.Storage.ClickHouse;

/// <summary>Where the scale profile's analytics store lives: ClickHouse's HTTP interface, as Langfuse configures it.</summary>
public sealed class ClickHouseOptions
{
    /// <summary>Base URL of the HTTP interface, e.g. <c>http://clickhouse:8123</c>.</summary>
    public required Uri Url { get; init; }

    public string User { get; init; } = "default";

    public string? Password { get; init; }

    /// <summary>Database of Sightline's tables; created at start when missing.</summary>
    public string Database { get; init; } = "default";

    /// <summary>Creates the tables replicated, <c>ON CLUSTER</c> <see cref="ClusterName"/>.</summary>
    public bool ClusterEnabled { get; init; }

    public string ClusterName { get; init; } = "default";

    /// <summary>Longest wait for one HTTP request (a query or a batch insert).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The URL as it may be shown in logs and errors: never with credentials embedded in it.</summary>
    public string DisplayUrl => new UriBuilder(Url) { UserName = "", Password = "" }.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');

    internal IEnumerable<string> Errors()
    {
        if (!Url.IsAbsoluteUri || Url.Scheme is not ("http" or "https"))
        {
            yield return $"{nameof(Url)} must be an absolute http(s) URL.";
        }

        if (string.IsNullOrWhiteSpace(User))
        {
            yield return $"{nameof(User)} must not be empty.";
        }

        if (string.IsNullOrWhiteSpace(Database))
        {
            yield return $"{nameof(Database)} must not be empty.";
        }

        if (ClusterEnabled && string.IsNullOrWhiteSpace(ClusterName))
        {
            yield return $"{nameof(ClusterName)} must not be empty when {nameof(ClusterEnabled)} is set.";
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            yield return $"{nameof(RequestTimeout)} must be positive.";
        }
    }
}
