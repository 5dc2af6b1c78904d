using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary>
/// Each invalid setting stops the real server binary with exit code 2 and exactly one line on stderr that names
/// the variable and the fix.
/// </summary>
[Trait(TestProfile.Trait, TestProfile.OwnServers)]
public sealed class ConfigurationValidationTests
{
    private const int ConfigurationExitCode = 2;

    private const string ValidScaleSecrets = "SALT=pepper;ENCRYPTION_KEY=" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static TheoryData<string, string, string, string, string> BadSettings => new()
    {
        // variable, value, other (valid) settings an operator would have next to it, text the line must name, text of the fix
        { "DATABASE_URL", "postgresql://langfuse:p@ss#w/rd?x@db.internal:5432/langfuse", ValidScaleSecrets, "DATABASE_URL", "%40" },
        { "DATABASE_URL", "postgresql://langfuse:secret/with/slash@db:5432/langfuse", ValidScaleSecrets, "DATABASE_URL", "DATABASE_PASSWORD" },
        { "DATABASE_URL", "mysql://u:p@db/x", ValidScaleSecrets, "DATABASE_URL", "postgresql://" },
        { "DATABASE_PORT", "54x2", ValidScaleSecrets + ";DATABASE_HOST=db;DATABASE_USERNAME=u;DATABASE_NAME=d", "DATABASE_PORT", "65535" },
        { "ENCRYPTION_KEY", "not-a-key", "", "ENCRYPTION_KEY", "openssl rand -hex 32" },
        { "ENCRYPTION_KEY", new string('g', 64), "", "ENCRYPTION_KEY", "openssl rand -hex 32" },
        { "LANGFUSE_S3_EVENT_UPLOAD_BUCKET", "events", ValidScaleSecrets, "LANGFUSE_S3_EVENT_UPLOAD_REGION", "us-east-1" },
        { "LANGFUSE_S3_MEDIA_UPLOAD_ENDPOINT", "minio:9000", "LANGFUSE_S3_MEDIA_UPLOAD_BUCKET=media;LANGFUSE_S3_MEDIA_UPLOAD_REGION=us-east-1", "LANGFUSE_S3_MEDIA_UPLOAD_ENDPOINT", "http://minio:9000" },
        { "LANGFUSE_S3_MEDIA_UPLOAD_ENDPOINT", "http://127.0.0.1:1", "LANGFUSE_S3_MEDIA_UPLOAD_BUCKET=media;LANGFUSE_S3_MEDIA_UPLOAD_REGION=us-east-1;LANGFUSE_S3_MEDIA_UPLOAD_ACCESS_KEY_ID=k;LANGFUSE_S3_MEDIA_UPLOAD_SECRET_ACCESS_KEY=s", "LANGFUSE_S3_MEDIA_UPLOAD_ENDPOINT", "check the endpoint URL" },
        { "LANGFUSE_S3_MEDIA_MAX_CONTENT_LENGTH", "1GB", "", "LANGFUSE_S3_MEDIA_MAX_CONTENT_LENGTH", "1000000000" },
        { "LANGFUSE_S3_MEDIA_DOWNLOAD_URL_EXPIRY_SECONDS", "0", "", "LANGFUSE_S3_MEDIA_DOWNLOAD_URL_EXPIRY_SECONDS", "3600" },
        { "REDIS_CONNECTION_STRING", "localhost:6379", ValidScaleSecrets, "REDIS_CONNECTION_STRING", "redis://" },
        { "REDIS_PORT", "six", ValidScaleSecrets + ";REDIS_HOST=cache", "REDIS_PORT", "6379" },
        { "CLICKHOUSE_URL", "clickhouse:8123", ValidScaleSecrets, "CLICKHOUSE_URL", "http://clickhouse:8123" },
        { "PORT", "70000", "", "PORT", "65535" },
        { "LOG_FORMAT", "xml", "", "LOG_FORMAT", "json" },
        { "LANGFUSE_INIT_PROJECT_PUBLIC_KEY", "pk-lf-only-half", "LANGFUSE_INIT_ORG_ID=o;LANGFUSE_INIT_PROJECT_ID=p", "LANGFUSE_INIT_PROJECT_SECRET_KEY", "set both" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_WithInvalidSetting_ExitsWithOneLineNamingVariableAndFix(string variable, string value, string others, string named, string fix)
    {
        var env = others.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        env[variable] = value;

        var (exitCode, _, stderr) = await SightlineProcess.RunToExitAsync(env);

        Assert.Equal(ConfigurationExitCode, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Contains("Fix:", line, StringComparison.Ordinal);
        Assert.Contains(fix, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithUnencodedDatabasePassword_NeverPrintsThePassword()
    {
        var (_, stdout, stderr) = await SightlineProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "postgresql://langfuse:Sup3r@Secr3t#x@db:5432/langfuse",
        });

        Assert.DoesNotContain("Sup3r", stderr + stdout, StringComparison.Ordinal);
        Assert.Contains("'@'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithAnalyticsFileThatIsNotDuckDb_ExitsNamingTheFile()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("sightline-corrupt-");
        try
        {
            var analytics = Path.Combine(dataDirectory.FullName, "analytics.duckdb");
            await File.WriteAllTextAsync(analytics, "restored from the wrong backup");

            var (exitCode, _, stderr) = await SightlineProcess.RunToExitAsync(new Dictionary<string, string>(), dataDirectory.FullName);

            Assert.Equal(ConfigurationExitCode, exitCode);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("SIGHTLINE_DATA_DIR", line, StringComparison.Ordinal);
            Assert.Contains(analytics, line, StringComparison.Ordinal);
            Assert.Contains("not a DuckDB database", line, StringComparison.Ordinal);
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_WithUnknownRole_ExitsNamingTheFlag()
    {
        var (exitCode, _, stderr) = await SightlineProcess.RunToExitAsync(new Dictionary<string, string>(), null, "--role", "frontend");

        Assert.Equal(ConfigurationExitCode, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--role", line, StringComparison.Ordinal);
        Assert.Contains("--role all", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WebRoleOnEmbeddedStores_ExitsWithOneLineNamingEveryStoreToShare()
    {
        var (exitCode, _, stderr) = await SightlineProcess.RunToExitAsync(new Dictionary<string, string>(), null, "--role", "web");

        Assert.Equal(ConfigurationExitCode, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Sightline cannot start: --role: 'web'", line, StringComparison.Ordinal);
        foreach (var name in new[] { "DATABASE_URL", "CLICKHOUSE_URL", "REDIS_CONNECTION_STRING", "LANGFUSE_S3_EVENT_UPLOAD_BUCKET", "LANGFUSE_S3_MEDIA_UPLOAD_BUCKET" })
        {
            Assert.Contains(name, line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_WorkerRoleWithoutClickHouse_ExitsWithOneLineNamingOnlyClickHouse()
    {
        // Refused while reading the settings: none of these addresses is ever contacted.
        var (exitCode, _, stderr) = await SightlineProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "postgresql://sightline:secret@127.0.0.1:1/sightline",
            ["REDIS_CONNECTION_STRING"] = "redis://127.0.0.1:1",
            ["LANGFUSE_S3_EVENT_UPLOAD_BUCKET"] = "events",
            ["LANGFUSE_S3_EVENT_UPLOAD_REGION"] = "us-east-1",
            ["SALT"] = "pepper",
            ["ENCRYPTION_KEY"] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        }, null, "--role", "worker");

        Assert.Equal(ConfigurationExitCode, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'worker'", line, StringComparison.Ordinal);
        Assert.Contains("CLICKHOUSE_URL", line, StringComparison.Ordinal);
        // A worker takes no uploads, so it needs no media bucket; the stores it has are not named.
        Assert.DoesNotContain("MEDIA", line, StringComparison.Ordinal);
        Assert.DoesNotContain("DATABASE_URL", line, StringComparison.Ordinal);
        Assert.DoesNotContain("REDIS", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithTwoInvalidSettings_PrintsOneLineForEach()
    {
        var (exitCode, _, stderr) = await SightlineProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["SALT"] = "pepper",
            ["ENCRYPTION_KEY"] = "short",
            ["CLICKHOUSE_URL"] = "::nonsense",
        });

        Assert.Equal(ConfigurationExitCode, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.Contains("ENCRYPTION_KEY", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("CLICKHOUSE_URL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WhileAnotherServerUsesTheDataDirectory_RefusesWithOneLine()
    {
        await using var first = await SightlineProcess.StartAsync();

        var (exitCode, _, stderr) = await SightlineProcess.RunToExitAsync(new Dictionary<string, string>(), first.DataDirectory);

        Assert.Equal(ConfigurationExitCode, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("SIGHTLINE_DATA_DIR", line, StringComparison.Ordinal);
        Assert.Contains("another Sightline process", line, StringComparison.Ordinal);
    }
}
