namespace Sightline.Storage.Analytics.Sql;

/// <summary>An engine's side of a read: its dialect, its parameters and running one SELECT.</summary>
internal interface IAnalyticsReader
{
    ISqlDialect Dialect { get; }

    SqlParameterSet NewParameters();

    Task<List<T>> QueryAsync<T>(string sql, SqlParameterSet parameters, Func<IAnalyticsRow, T> read, CancellationToken ct);
}
