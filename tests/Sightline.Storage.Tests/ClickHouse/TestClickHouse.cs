using System.Text;
using Sightline.Storage.ClickHouse;

namespace Sightline.Storage.Tests.ClickHouse;

/// <summary>
/// The ClickHouse endpoint the test command starts (<c>eng/test-clickhouse.sh</c>, URL in
/// <c>SIGHTLINE_TEST_CLICKHOUSE</c>). Each caller works in a database of its own, dropped on dispose.
/// </summary>
internal sealed class TestClickHouse : IAsyncDisposable
{
    private TestClickHouse(string database) => Database = database;

    public string Database { get; }

    public ClickHouseOptions Options => new() { Url = Url, Database = Database };

    public static Uri Url =>
        Environment.GetEnvironmentVariable("SIGHTLINE_TEST_CLICKHOUSE") is { Length: > 0 } value
            ? new Uri(value)
            : throw new InvalidOperationException(
                "SIGHTLINE_TEST_CLICKHOUSE is not set: these tests need the ClickHouse endpoint that ./test.sh starts (eng/test-clickhouse.sh start <dir> prints its URL).");

    /// <summary>A fresh database name; the database itself is created by the store's initializer.</summary>
    public static TestClickHouse NewDatabase() => new("sightline_test_" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Runs one statement with plain HTTP, outside the code under test; returns the TabSeparated result.</summary>
    public static async Task<string> RunAsync(string sql)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(Url, new StringContent(sql, Encoding.UTF8));
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"ClickHouse refused '{sql}': {text}");
    }

    public async ValueTask DisposeAsync() => await RunAsync($"DROP DATABASE IF EXISTS `{Database}` SYNC");
}
