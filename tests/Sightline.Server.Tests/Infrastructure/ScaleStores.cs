using System.Globalization;
using System.Text;
using Npgsql;

namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// The scale profile's stores, fresh for one fixture: a PostgreSQL database, a ClickHouse database, an S3 event bucket
/// and media bucket, and a Redis key prefix, on the engines the test command starts. <see cref="Environment"/> holds the
/// variables that point a server at them; disposing drops the databases.
/// </summary>
public sealed class ScaleStores : IAsyncDisposable
{
    private const string Secrets = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly string _postgresDatabase = "sightline_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _clickHouseDatabase = "sightline_" + Guid.NewGuid().ToString("N")[..12];

    private ScaleStores()
    {
    }

    /// <summary>Every variable a server needs for these stores, with shared secrets so several processes can share them.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public string KeyPrefix { get; } = "test-" + Guid.NewGuid().ToString("N") + ":";
    public string EventBucket { get; private set; } = null!;
    public string? MediaBucket { get; private set; }

    /// <summary>The <c>ENCRYPTION_KEY</c> every server on these stores runs with.</summary>
    public static string EncryptionKey => Secrets;
    public string ClickHouseDatabase => _clickHouseDatabase;
    public string PostgresConnectionString { get; private set; } = null!;

    public static string ClickHouseUrl => Required("SIGHTLINE_TEST_CLICKHOUSE", "the ClickHouse endpoint");

    public static string PostgresAdmin => Required("SIGHTLINE_TEST_POSTGRES", "PostgreSQL");

    /// <param name="redisUrl">A Redis server of the caller's own; the test command's shared one by default.</param>
    /// <param name="clickHouseUrl">A ClickHouse endpoint of the caller's own (a proxy in front of it, say).</param>
    /// <param name="mediaBucket">False keeps media in the server's data directory (its built-in upload endpoint).</param>
    public static async Task<ScaleStores> CreateAsync(string? redisUrl = null, string? clickHouseUrl = null, bool mediaBucket = true)
    {
        var stores = new ScaleStores();
        var admin = new NpgsqlConnectionStringBuilder(PostgresAdmin);
        await ExecutePostgresAsync($"CREATE DATABASE {stores._postgresDatabase}");
        stores.PostgresConnectionString = new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = stores._postgresDatabase, Pooling = false }.ConnectionString;
        stores.EventBucket = await TestS3.CreateBucketAsync("events");
        // s3rver removes a folder when its last object is deleted, and a put racing that removal crashes the whole
        // s3rver (ENOENT on the new object's file). An object of its own keeps the event log's folder from ever
        // emptying; the server never reads it, since it only fetches the objects its queue entries name.
        using (var s3 = TestS3.Client())
        {
            await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = stores.EventBucket, Key = "events/keep-folder", ContentBody = "-" });
        }

        var env = stores.Environment;
        foreach (var (key, value) in TestS3.Settings("EVENT", stores.EventBucket))
        {
            env[key] = value;
        }

        if (mediaBucket)
        {
            foreach (var (key, value) in TestS3.Settings("MEDIA", stores.MediaBucket = await TestS3.CreateBucketAsync("media")))
            {
                env[key] = value;
            }
        }

        env["DATABASE_URL"] = $"postgresql://{Uri.EscapeDataString(admin.Username!)}:{Uri.EscapeDataString(admin.Password ?? string.Empty)}@{admin.Host}:{admin.Port}/{stores._postgresDatabase}";
        env["CLICKHOUSE_URL"] = clickHouseUrl ?? ClickHouseUrl;
        env["CLICKHOUSE_DB"] = stores._clickHouseDatabase;
        env["REDIS_CONNECTION_STRING"] = redisUrl ?? TestRedis.Url;
        env["SIGHTLINE_REDIS_KEY_PREFIX"] = stores.KeyPrefix;
        env["SALT"] = "pepper";
        env["ENCRYPTION_KEY"] = Secrets;
        return stores;
    }

    /// <summary><paramref name="environment"/> with this profile's stores added (its own entries win).</summary>
    public Dictionary<string, string> With(IReadOnlyDictionary<string, string> environment)
    {
        var merged = new Dictionary<string, string>(Environment);
        foreach (var (key, value) in environment)
        {
            merged[key] = value;
        }

        return merged;
    }

    /// <summary>A number read straight from the PostgreSQL metadata database.</summary>
    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a statement on the PostgreSQL metadata database; returns the number of rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Rows of a PostgreSQL query, each as its columns joined by '|' ('-' for null).</summary>
    public async Task<List<string>> RowsAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "-" : reader.GetValue(i).ToString())));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        using var http = new HttpClient();
        using var dropped = await http.PostAsync(ClickHouseUrl, new StringContent($"DROP DATABASE IF EXISTS `{_clickHouseDatabase}` SYNC", Encoding.UTF8));
        await ExecutePostgresAsync($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)");
    }

    private static string Required(string variable, string what) =>
        System.Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: run ./test.sh, which starts {what} for these tests.");

    private static async Task ExecutePostgresAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
