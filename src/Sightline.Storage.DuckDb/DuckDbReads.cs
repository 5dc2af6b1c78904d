using DuckDB.NET.Data;

namespace Sightline.Storage.DuckDb;

/// <summary>Read queries on a connection of their own, so they run beside writes and other reads.</summary>
internal static class DuckDbReads
{
    public static async Task<List<T>> QueryAsync<T>(DuckDbDatabase database, string sql, DuckDBParameter[] parameters, Func<DuckDBDataReader, T> read, CancellationToken ct)
    {
        await using var connection = await database.OpenReadConnectionAsync(ct);
        return await QueryAsync(connection, sql, parameters, read, ct);
    }

    /// <summary>The same on a connection the caller holds, e.g. for several reads in one transaction.</summary>
    public static async Task<List<T>> QueryAsync<T>(DuckDBConnection connection, string sql, DuckDBParameter[] parameters, Func<DuckDBDataReader, T> read, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddRange(parameters);
        await using var reader = (DuckDBDataReader)await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static async Task<long> CountAsync(DuckDbDatabase database, string sql, DuckDBParameter[] parameters, CancellationToken ct)
    {
        var rows = await QueryAsync(database, sql, parameters, r => r.GetInt64(0), ct);
        return rows.Count > 0 ? rows[0] : 0;
    }

    public static List<string> ReadList(DuckDBDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<List<string>>(ordinal);
}
