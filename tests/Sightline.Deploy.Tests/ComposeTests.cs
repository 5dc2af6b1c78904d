using System.Globalization;
using System.Text.RegularExpressions;

namespace Sightline.Deploy.Tests;

public sealed partial class ComposeTests
{
    private static readonly string[] Engines = ["postgres", "clickhouse", "valkey", "minio"];

    [Fact]
    public async Task Embedded_profile_is_one_sightline_service_keeping_its_data_on_a_volume()
    {
        var env = EnvFile.FilledExample();
        env["ADMIN_API_KEY"] = "admin-key-from-env-file";
        var services = await ComposeFiles.RenderServicesAsync(Repository.Compose, env);

        Assert.Equal(["sightline"], services.Entries().Select(s => s.Key));
        var sightline = services.Get("sightline");
        Assert.Equal(["--role", "all"], ComposeFiles.Command(sightline));
        Assert.Equal([3000], ComposeFiles.TargetPorts(sightline));
        Assert.Contains(sightline.Get("volumes").Texts(), v => v.StartsWith("sightline-data:/data", StringComparison.Ordinal));
        var environment = ComposeFiles.Environment(sightline);
        Assert.Equal("/data", environment["SIGHTLINE_DATA_DIR"]);
        Assert.Equal("admin-key-from-env-file", environment["ADMIN_API_KEY"]);
        SightlineVariables.AssertAccepted(environment, "all", "compose.yaml service sightline");
    }

    [Fact]
    public async Task Scale_profile_runs_web_and_worker_that_sightline_accepts_after_every_engine_is_healthy()
    {
        var env = EnvFile.FilledExample();
        var services = await ComposeFiles.RenderServicesAsync(Repository.ComposeScale, env);

        Assert.Equal(["clickhouse", "minio", "minio-buckets", "postgres", "valkey", "web", "worker"], services.Entries().Select(s => s.Key).Order(StringComparer.Ordinal));
        foreach (var role in new[] { "web", "worker" })
        {
            var service = services.Get(role);
            Assert.Equal(["--role", role], ComposeFiles.Command(service));
            var environment = ComposeFiles.Environment(service);
            SightlineVariables.AssertAccepted(environment, role, $"compose.scale.yaml service {role}");
            Assert.Equal(env["SALT"], environment["SALT"]);
            Assert.Equal(env["ENCRYPTION_KEY"], environment["ENCRYPTION_KEY"]);
            Assert.Equal(env["POSTGRES_PASSWORD"], environment["DATABASE_PASSWORD"]);
            Assert.Equal(env["CLICKHOUSE_PASSWORD"], environment["CLICKHOUSE_PASSWORD"]);
            Assert.Equal(env["REDIS_AUTH"], environment["REDIS_AUTH"]);
            Assert.Equal(env["MINIO_ROOT_PASSWORD"], environment["LANGFUSE_S3_EVENT_UPLOAD_SECRET_ACCESS_KEY"]);

            var dependsOn = service.Get("depends_on");
            foreach (var engine in Engines.Where(e => e != "minio"))
            {
                Assert.Equal("service_healthy", dependsOn.TextAt(engine, "condition"));
            }

            Assert.Equal("service_completed_successfully", dependsOn.TextAt("minio-buckets", "condition"));
        }

        Assert.Equal([3000], ComposeFiles.TargetPorts(services.Get("web")));
        Assert.Empty(ComposeFiles.TargetPorts(services.Get("worker")));
        Assert.Equal("service_healthy", services.TextAt("minio-buckets", "depends_on", "minio", "condition"));
        foreach (var engine in Engines)
        {
            Assert.NotEmpty(services.Get(engine, "healthcheck", "test").Texts());
        }

        // The queue must persist and never evict (docs/configuration.md).
        var valkey = ComposeFiles.Command(services.Get("valkey"));
        Assert.Equal("noeviction", valkey[valkey.IndexOf("--maxmemory-policy") + 1]);
        Assert.Equal("yes", valkey[valkey.IndexOf("--appendonly") + 1]);
        Assert.Equal(env["REDIS_AUTH"], valkey[valkey.IndexOf("--requirepass") + 1]);

        var clickHouseTag = services.Get("clickhouse", "image").Text().Split(':')[1];
        Assert.True(Version.Parse(clickHouseTag) >= new Version(24, 3), $"ClickHouse {clickHouseTag} is older than 24.3, the oldest Sightline supports");

        var buckets = string.Join(' ', services.Get("minio-buckets", "entrypoint").Texts());
        var web = ComposeFiles.Environment(services.Get("web"));
        Assert.Contains($"local/{web["LANGFUSE_S3_EVENT_UPLOAD_BUCKET"]}", buckets, StringComparison.Ordinal);
        Assert.Contains($"local/{web["LANGFUSE_S3_MEDIA_UPLOAD_BUCKET"]}", buckets, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SALT")]
    [InlineData("ENCRYPTION_KEY")]
    [InlineData("POSTGRES_PASSWORD")]
    public async Task Scale_profile_does_not_render_while_a_secret_is_empty(string secret)
    {
        var env = EnvFile.FilledExample();
        env[secret] = string.Empty;

        var result = await ComposeFiles.RenderAsync(Repository.ComposeScale, env);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"set {secret} in deploy/.env", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Env_example_lists_exactly_the_variables_the_compose_files_interpolate()
    {
        var example = EnvFile.Parse(Repository.Read(Repository.EnvExample)).Select(v => v.Key).ToList();
        var interpolated = new[] { Repository.Compose, Repository.ComposeScale }
            .SelectMany(f => Interpolation().Matches(Repository.Read(f)).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(example.Count, example.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(example.Except(interpolated, StringComparer.Ordinal));
        Assert.Empty(interpolated.Except(example, StringComparer.Ordinal));
        Assert.All(example, name => Assert.Matches("^[A-Z][A-Z0-9_]*$", name));
        var secrets = EnvFile.Parse(Repository.Read(Repository.EnvExample))
            .Where(v => v.Key is "SALT" or "ENCRYPTION_KEY" or "ADMIN_API_KEY" or "REDIS_AUTH" || v.Key.Contains("PASSWORD", StringComparison.Ordinal) || v.Key.Contains("SECRET", StringComparison.Ordinal));
        Assert.All(secrets, v => Assert.True(v.Value.Length == 0, $".env.example gives {v.Key} a value; secrets stay empty there"));
        Assert.Equal(3000, int.Parse(EnvFile.Parse(Repository.Read(Repository.EnvExample)).Single(v => v.Key == "SIGHTLINE_PORT").Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Interpolation();
}
