using Sightline.Storage.Analytics.Sql;

namespace Sightline.Storage.ClickHouse;

/// <summary>Runs the shared analytics reads over the HTTP client.</summary>
internal sealed class ClickHouseReader(ClickHouseClient client) : IAnalyticsReader
{
    /// <summary>
    /// Unmatched LEFT JOIN columns become NULL, as in standard SQL and the embedded store, instead of the type's
    /// default ('' or 0), so a missing trace never counts as a trace with an empty name.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string> { ["join_use_nulls"] = "1" };

    public ISqlDialect Dialect => ClickHouseDialect.Instance;

    public SqlParameterSet NewParameters() => new ClickHouseParameters();

    public Task<List<T>> QueryAsync<T>(string sql, SqlParameterSet parameters, Func<IAnalyticsRow, T> read, CancellationToken ct) =>
        client.QueryAsync(sql, (ClickHouseParameters)parameters, r => read(new ClickHouseAnalyticsRow(r)), ct, Settings);
}
