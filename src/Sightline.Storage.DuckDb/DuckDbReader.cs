using Sightline.Storage.Analytics.Sql;

namespace Sightline.Storage.DuckDb;

/// <summary>Runs the shared analytics reads, each on a read connection of its own.</summary>
internal sealed class DuckDbReader(DuckDbDatabase database) : IAnalyticsReader
{
    public ISqlDialect Dialect => DuckDbDialect.Instance;

    public SqlParameterSet NewParameters() => new SqlParameters();

    public Task<List<T>> QueryAsync<T>(string sql, SqlParameterSet parameters, Func<IAnalyticsRow, T> read, CancellationToken ct)
    {
        DuckDbAnalyticsRow? row = null;
        return DuckDbReads.QueryAsync(database, sql, ((SqlParameters)parameters).Create(), r => read(row ??= new DuckDbAnalyticsRow(r)), ct);
    }
}
