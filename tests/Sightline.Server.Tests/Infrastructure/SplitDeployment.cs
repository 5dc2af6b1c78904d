using System.Text;
using Npgsql;

namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// A scale-profile deployment split into processes, as behind a load balancer: two <c>--role web</c> nodes on one
/// PostgreSQL database, one ClickHouse database, one S3 event bucket, one S3 media bucket and one Redis key prefix,
/// all fresh for this fixture. Workers are started by the tests that need them, with the same environment.
/// </summary>
public sealed class SplitDeployment : IAsyncLifetime
{
    public const string AdminKey = "split-admin-key-0123456789abcdef";
    private const string Secrets = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly string _postgresDatabase = "sightline_split_" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _clickHouseDatabase = "sightline_split_" + Guid.NewGuid().ToString("N")[..10];

    public SightlineProcess Web1 { get; private set; } = null!;
    public SightlineProcess Web2 { get; private set; } = null!;

    /// <summary>Every process's variables; <see cref="KeyPrefix"/> keeps this deployment's queue apart from other tests'.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public string KeyPrefix { get; } = "split-" + Guid.NewGuid().ToString("N") + ":";
    public string EventBucket { get; private set; } = null!;

    /// <summary>Seconds a dead worker keeps its queue entries and merge locks; short, so takeovers fit in a test.</summary>
    public const int ClaimAfterSeconds = 2;

    public static string ClickHouseUrl =>
        System.Environment.GetEnvironmentVariable("SIGHTLINE_TEST_CLICKHOUSE") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("SIGHTLINE_TEST_CLICKHOUSE is not set: run ./test.sh, which starts the ClickHouse endpoint for these tests.");

    public static string PostgresAdmin =>
        System.Environment.GetEnvironmentVariable("SIGHTLINE_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("SIGHTLINE_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL for these tests.");

    public async Task InitializeAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgresAdmin);
        await ExecutePostgresAsync($"CREATE DATABASE {_postgresDatabase}");
        EventBucket = await TestS3.CreateBucketAsync("split-events");
        foreach (var (key, value) in TestS3.Settings("EVENT", EventBucket).Concat(TestS3.Settings("MEDIA", await TestS3.CreateBucketAsync("split-media"))))
        {
            Environment[key] = value;
        }

        Environment["DATABASE_URL"] = $"postgresql://{Uri.EscapeDataString(admin.Username!)}:{Uri.EscapeDataString(admin.Password ?? string.Empty)}@{admin.Host}:{admin.Port}/{_postgresDatabase}";
        Environment["CLICKHOUSE_URL"] = ClickHouseUrl;
        Environment["CLICKHOUSE_DB"] = _clickHouseDatabase;
        Environment["REDIS_CONNECTION_STRING"] = TestRedis.Url;
        Environment["SIGHTLINE_REDIS_KEY_PREFIX"] = KeyPrefix;
        Environment["SIGHTLINE_WORKER_CLAIM_AFTER_SECONDS"] = ClaimAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Environment["SALT"] = "pepper";
        Environment["ENCRYPTION_KEY"] = Secrets;
        Environment["ADMIN_API_KEY"] = AdminKey;

        // Both nodes start at once and take turns at the migrations, as the nodes of a fresh deployment would.
        var starts = new[] { SightlineProcess.StartAsync(Environment, null, "--role", "web"), SightlineProcess.StartAsync(Environment, null, "--role", "web") };
        try
        {
            await Task.WhenAll(starts);
        }
        catch
        {
            // xUnit does not dispose a fixture that failed to initialize: stop the node that did start.
            foreach (var started in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await (await started).DisposeAsync();
            }

            throw;
        }

        (Web1, Web2) = (await starts[0], await starts[1]);
    }

    public Task<SightlineProcess> StartWorkerAsync(string name)
    {
        var env = new Dictionary<string, string>(Environment) { ["SIGHTLINE_NODE_NAME"] = name };
        return SightlineProcess.StartAsync(env, null, "--role", "worker");
    }

    public async Task DisposeAsync()
    {
        // Null when InitializeAsync failed before the nodes were up.
        if (Web1 is not null)
        {
            await Web1.DisposeAsync();
        }

        if (Web2 is not null)
        {
            await Web2.DisposeAsync();
        }

        using var http = new HttpClient();
        using var dropped = await http.PostAsync(ClickHouseUrl, new StringContent($"DROP DATABASE IF EXISTS `{_clickHouseDatabase}` SYNC", Encoding.UTF8));
        await ExecutePostgresAsync($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)");
    }

    private static async Task ExecutePostgresAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
