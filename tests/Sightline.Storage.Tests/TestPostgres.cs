using Npgsql;

namespace Sightline.Storage.Tests;

/// <summary>
/// The PostgreSQL server the test command starts (<c>eng/test-postgres.sh</c>, connection string in
/// <c>SIGHTLINE_TEST_POSTGRES</c>). Each caller gets a database of its own, dropped on dispose.
/// </summary>
internal sealed class TestPostgres : IAsyncDisposable
{
    private readonly string _admin;

    private TestPostgres(string admin, string database)
    {
        _admin = admin;
        Database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database, Pooling = false }.ConnectionString;
    }

    public string Database { get; }

    public string ConnectionString { get; }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("SIGHTLINE_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "SIGHTLINE_TEST_POSTGRES is not set: these tests need the PostgreSQL server that ./test.sh starts (eng/test-postgres.sh start <dir> prints the connection string).");

    public static async Task<TestPostgres> CreateDatabaseAsync()
    {
        var admin = AdminConnectionString;
        var database = "sightline_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
        await command.ExecuteNonQueryAsync();
        return new TestPostgres(admin, database);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
