using Microsoft.Extensions.Configuration;
using Sightline.Server.Configuration;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

[Trait(TestProfile.Trait, TestProfile.OwnServers)]
public sealed class ConfigurationParsingTests
{
    [Theory]
    [InlineData("postgresql://langfuse:p%40ss%23w%2Frd%3A%3Fx@db.internal:5433/langfuse", "langfuse", "p@ss#w/rd:?x", "db.internal", 5433, "langfuse")]
    [InlineData("postgres://u:plain@localhost/postgres", "u", "plain", "localhost", 5432, "postgres")]
    [InlineData("postgresql://u:colon:inside@h:1/d", "u", "colon:inside", "h", 1, "d")]
    [InlineData("postgresql://u:pw@[::1]:6543/d?sslmode=require", "u", "pw", "::1", 6543, "d")]
    public void DatabaseUrl_PercentEncodedOrPlain_ParsesEveryPart(string url, string user, string password, string host, int port, string database)
    {
        var errors = new ConfigurationErrorList();

        var info = PostgresConnectionInfo.Parse(url, errors);

        Assert.Empty(errors);
        Assert.NotNull(info);
        Assert.Equal(user, info.Username);
        Assert.Equal(password, info.Password);
        Assert.Equal(host, info.Host);
        Assert.Equal(port, info.Port);
        Assert.Equal(database, info.Database);
    }

    [Theory]
    [InlineData("postgresql://u:p@ss@h:5432/d", "'@'")]
    [InlineData("postgresql://u:p#ss@h:5432/d", "'#'")]
    [InlineData("postgresql://u:p/ss@h:5432/d", "'/'")]
    [InlineData("postgresql://u:p?ss@h:5432/d", "'?'")]
    [InlineData("postgresql://u:p%zzss@h:5432/d", "'%'")]
    [InlineData("postgresql://u:pw@h:notaport/d", "port")]
    [InlineData("postgresql://u:pw@h:5432", "database")]
    public void DatabaseUrl_WithUnencodedSpecialCharacters_ExplainsPercentEncoding(string url, string mentioned)
    {
        var errors = new ConfigurationErrorList();

        Assert.Null(PostgresConnectionInfo.Parse(url, errors));

        var error = Assert.Single(errors);
        Assert.Equal("DATABASE_URL", error.Variable);
        Assert.Contains(mentioned, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pw", error.ToString().Replace("password", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void SeparateDatabaseVariables_NeedNoEncoding()
    {
        var (settings, errors) = Load(new()
        {
            ["DATABASE_HOST"] = "db",
            ["DATABASE_USERNAME"] = "langfuse",
            ["DATABASE_PASSWORD"] = "p@ss#w/rd:?x",
            ["DATABASE_NAME"] = "langfuse",
            ["SALT"] = "s",
            ["ENCRYPTION_KEY"] = new string('a', 64),
        });

        Assert.Empty(errors);
        Assert.Equal(Profile.Scale, settings!.Profile);
        Assert.Equal("p@ss#w/rd:?x", settings.Postgres!.Password);
        Assert.Equal(5432, settings.Postgres.Port);
    }

    [Fact]
    public void NoVariables_SelectsTheEmbeddedProfileOnPort3000()
    {
        var (settings, errors) = Load([]);

        Assert.Empty(errors);
        Assert.Equal(Profile.Embedded, settings!.Profile);
        Assert.Equal(3000, settings.Port);
        Assert.Equal(ServerRole.All, settings.Role);
        Assert.True(settings.Bootstrap.CreateDefaultProject);
    }

    [Theory]
    [InlineData("redis://:secret@cache:6380/2", "cache", 6380, "secret", 2, false)]
    [InlineData("rediss://user:pw@cache", "cache", 6379, "pw", 0, true)]
    public void RedisConnectionString_Parses(string url, string host, int port, string password, int database, bool tls)
    {
        var (settings, errors) = Load(new() { ["REDIS_CONNECTION_STRING"] = url, ["SALT"] = "s", ["ENCRYPTION_KEY"] = new string('b', 64) });

        Assert.Empty(errors);
        var redis = settings!.Redis!;
        Assert.Equal((host, port, password, database, tls), (redis.Host, redis.Port, redis.Password, redis.Database, redis.Tls));
    }

    [Theory]
    [InlineData(null, "8080", null, "http://localhost:8080")]
    [InlineData("http://0.0.0.0:5000;http://[::]:5001", null, null, "http://localhost:5000")]
    [InlineData("http://127.0.0.1:4000/", null, null, "http://127.0.0.1:4000")]
    [InlineData("http://127.0.0.1:4000", null, "https://sightline.example.com", "https://sightline.example.com")]
    public void PublicUrl_FollowsNextAuthUrlThenListenUrlsThenPort(string? urls, string? port, string? nextAuthUrl, string expected)
    {
        var values = new Dictionary<string, string?> { ["urls"] = urls, ["PORT"] = port, ["NEXTAUTH_URL"] = nextAuthUrl };

        var (settings, errors) = Load(values);

        Assert.Empty(errors);
        Assert.Equal(expected, settings!.Bootstrap.PublicUrl);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("16", 16)]
    [InlineData("512", 512)]
    public void DuckDbMemoryLimit_IsReadInMegabytes(string? value, int? expected)
    {
        var (settings, errors) = Load(new() { ["SIGHTLINE_DUCKDB_MEMORY_LIMIT_MB"] = value });

        Assert.Empty(errors);
        Assert.Equal(expected, settings!.DuckDbMemoryLimitMegabytes);
    }

    [Theory]
    [InlineData("15")]
    [InlineData("-1")]
    [InlineData("128MB")]
    [InlineData("1048577")]
    public void DuckDbMemoryLimit_OutOfRange_IsRefusedNamingTheVariable(string value)
    {
        var (settings, errors) = Load(new() { ["SIGHTLINE_DUCKDB_MEMORY_LIMIT_MB"] = value });

        Assert.Null(settings);
        var error = Assert.Single(errors);
        Assert.Equal("SIGHTLINE_DUCKDB_MEMORY_LIMIT_MB", error.Variable);
        Assert.Contains($"'{value}'", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("1", 1)]
    [InlineData("250", 250)]
    public void RateLimitPerKey_IsReadInRequestsPerSecond(string? value, int? expected)
    {
        var (settings, errors) = Load(new() { ["SIGHTLINE_RATE_LIMIT_PER_KEY"] = value });

        Assert.Empty(errors);
        Assert.Equal(expected, settings!.RateLimitPerKey);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("10/s")]
    [InlineData("1000001")]
    public void RateLimitPerKey_OutOfRange_IsRefusedNamingTheVariable(string value)
    {
        var (settings, errors) = Load(new() { ["SIGHTLINE_RATE_LIMIT_PER_KEY"] = value });

        Assert.Null(settings);
        var error = Assert.Single(errors);
        Assert.Equal("SIGHTLINE_RATE_LIMIT_PER_KEY", error.Variable);
        Assert.Contains($"'{value}'", error.ToString(), StringComparison.Ordinal);
    }

    private static (SightlineSettings? Settings, IReadOnlyList<ConfigurationError> Errors) Load(Dictionary<string, string?> values) =>
        SightlineSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
