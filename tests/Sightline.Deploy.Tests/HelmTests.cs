using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Sightline.Deploy.Tests;

public sealed partial class HelmTests
{
    private const string Name = HelmChart.Release + "-sightline";

    [Fact]
    public async Task Chart_passes_strict_lint_in_both_modes()
    {
        (await Tool.Helm.RunAsync(["lint", "--strict", Repository.Chart])).EnsureSuccess();
        (await Tool.Helm.RunAsync(["lint", "--strict", Repository.Chart, .. HelmChart.SetArgs(HelmChart.ScaleValues)])).EnsureSuccess();
    }

    [Fact]
    public async Task Embedded_mode_is_one_server_pod_with_a_volume_probes_and_a_configuration_sightline_accepts()
    {
        var documents = await HelmChart.RenderAsync(new Dictionary<string, string> { ["secrets.adminApiKey"] = "embedded-admin" });

        Assert.Equal(["ConfigMap", "Secret", "Service", "StatefulSet"], documents.Select(d => d.TextAt("kind")!).Order(StringComparer.Ordinal));
        var server = HelmChart.Single(documents, "StatefulSet", Name);
        Assert.Equal("1", server.TextAt("spec", "replicas"));
        var container = HelmChart.Container(server);
        Assert.Equal(["--role", "all"], container.Find("args").Texts());
        AssertServesOnPort3000WithProbes(container);
        Assert.Equal("/data", container.Get("volumeMounts").Items().Single(m => m.TextAt("name") == "data").TextAt("mountPath"));
        var claim = server.Get("spec", "volumeClaimTemplates").Items().Single();
        Assert.Equal("data", claim.TextAt("metadata", "name"));
        Assert.Equal("20Gi", claim.TextAt("spec", "resources", "requests", "storage"));

        var environment = HelmChart.Environment(documents, container);
        Assert.Equal("embedded-admin", environment["ADMIN_API_KEY"]);
        Assert.Equal("/data", environment["SIGHTLINE_DATA_DIR"]);
        Assert.DoesNotContain("DATABASE_HOST", environment.Keys);
        SightlineVariables.AssertAccepted(environment, "all", "chart, embedded mode");

        var service = HelmChart.Single(documents, "Service", Name);
        Assert.Equal("server", service.TextAt("spec", "selector", "app.kubernetes.io/component"));
        Assert.Equal("server", server.TextAt("spec", "template", "metadata", "labels", "app.kubernetes.io/component"));
    }

    [Fact]
    public async Task Scale_mode_runs_web_and_worker_deployments_with_configurations_sightline_accepts()
    {
        var values = HelmChart.ScaleValues;
        var documents = await HelmChart.RenderAsync(values);

        Assert.Equal(["ConfigMap", "Deployment", "Deployment", "Ingress", "Secret", "Service"], documents.Select(d => d.TextAt("kind")!).Order(StringComparer.Ordinal));
        foreach (var (role, replicas) in new[] { ("web", "2"), ("worker", "1") })
        {
            var deployment = HelmChart.Single(documents, "Deployment", $"{Name}-{role}");
            Assert.Equal(replicas, deployment.TextAt("spec", "replicas"));
            Assert.Equal(role, deployment.TextAt("spec", "template", "metadata", "labels", "app.kubernetes.io/component"));
            var container = HelmChart.Container(deployment);
            Assert.Equal(["--role", role], container.Find("args").Texts());
            AssertServesOnPort3000WithProbes(container);

            var environment = HelmChart.Environment(documents, container);
            SightlineVariables.AssertAccepted(environment, role, $"chart, scale mode, {role}");
            Assert.Equal(values["postgresql.password"], environment["DATABASE_PASSWORD"]);
            Assert.Equal(values["clickhouse.password"], environment["CLICKHOUSE_PASSWORD"]);
            Assert.Equal(values["redis.password"], environment["REDIS_AUTH"]);
            Assert.Equal(values["s3.secretAccessKey"], environment["LANGFUSE_S3_MEDIA_UPLOAD_SECRET_ACCESS_KEY"]);
            Assert.Equal(values["secrets.encryptionKey"], environment["ENCRYPTION_KEY"]);
            Assert.Equal(values["s3.eventBucket"], environment["LANGFUSE_S3_EVENT_UPLOAD_BUCKET"]);
        }

        var worker = HelmChart.Container(HelmChart.Single(documents, "Deployment", $"{Name}-worker"));
        Assert.Equal("metadata.name", worker.Get("env").Items().Single(e => e.TextAt("name") == "SIGHTLINE_NODE_NAME").TextAt("valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("web", HelmChart.Single(documents, "Service", Name).TextAt("spec", "selector", "app.kubernetes.io/component"));
        var backend = HelmChart.Single(documents, "Ingress", Name).Get("spec", "rules").Items().Single().Get("http", "paths").Items().Single();
        Assert.Equal(Name, backend.TextAt("backend", "service", "name"));

        // Secrets go to the Secret, never the ConfigMap.
        var configMap = HelmChart.Single(documents, "ConfigMap", Name).Get("data").Entries().ToList();
        Assert.DoesNotContain(configMap, e => e.Value.Text() == values["postgresql.password"] || e.Value.Text() == values["secrets.salt"]);
    }

    [Fact]
    public async Task Scale_mode_with_an_existing_secret_renders_none_and_reads_the_named_one()
    {
        var values = new Dictionary<string, string>(HelmChart.ScaleValues) { ["secrets.existingSecret"] = "ops-managed" };
        values.Remove("secrets.salt");
        values.Remove("secrets.encryptionKey");

        var documents = await HelmChart.RenderAsync(values);

        Assert.DoesNotContain(documents, d => d.TextAt("kind") == "Secret");
        var web = HelmChart.Container(HelmChart.Single(documents, "Deployment", $"{Name}-web"));
        Assert.Equal("ops-managed", web.Get("envFrom").Items().Single(s => s.Find("secretRef") is not null).TextAt("secretRef", "name"));
    }

    [Theory]
    [InlineData("postgresql.host")]
    [InlineData("clickhouse.url")]
    [InlineData("redis.host")]
    [InlineData("s3.mediaBucket")]
    [InlineData("secrets.salt")]
    public async Task Scale_mode_without_a_required_value_fails_naming_it(string value)
    {
        var values = new Dictionary<string, string>(HelmChart.ScaleValues);
        values.Remove(value);

        var result = await HelmChart.TemplateAsync(values);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"{value} is required", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_encryption_key_that_is_not_64_hex_characters_fails_the_render()
    {
        var values = new Dictionary<string, string>(HelmChart.ScaleValues) { ["secrets.encryptionKey"] = "not-hex" };

        var result = await HelmChart.TemplateAsync(values);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("secrets.encryptionKey must be 64 hex characters", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_value_the_templates_use_is_in_values_yaml_and_every_value_is_used()
    {
        var values = Yaml.Load(Repository.Read(Path.Combine(Repository.Chart, "values.yaml")));
        var used = Directory.EnumerateFiles(Path.Combine(Repository.Chart, "templates"))
            .SelectMany(f => ValuesReference().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Path: m.Groups["path"].Value)))
            .ToList();

        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.True(values.Find(u.Path.Split('.')) is not null, $"{u.File} uses .Values.{u.Path}, which values.yaml does not define"));

        var usedPaths = used.Select(u => u.Path).ToHashSet(StringComparer.Ordinal);
        var unused = Leaves(values, string.Empty).Where(leaf => !usedPaths.Any(p => leaf == p || leaf.StartsWith(p + ".", StringComparison.Ordinal))).ToList();
        Assert.True(unused.Count == 0, $"values.yaml defines values no template uses: {string.Join(", ", unused)}");
    }

    private static void AssertServesOnPort3000WithProbes(YamlNode container)
    {
        var port = container.Get("ports").Items().Single();
        Assert.Equal("http", port.TextAt("name"));
        Assert.Equal("3000", port.TextAt("containerPort"));
        Assert.Equal(ServerRoutes.Health, container.TextAt("livenessProbe", "httpGet", "path"));
        Assert.Equal(ServerRoutes.Ready, container.TextAt("readinessProbe", "httpGet", "path"));
        Assert.Equal("http", container.TextAt("livenessProbe", "httpGet", "port"));
        Assert.Equal("http", container.TextAt("readinessProbe", "httpGet", "port"));
    }

    private static IEnumerable<string> Leaves(YamlNode node, string prefix) => node is YamlMappingNode { Children.Count: > 0 } map
        ? map.Children.SelectMany(c => Leaves(c.Value, prefix.Length == 0 ? c.Key.Text() : $"{prefix}.{c.Key.Text()}"))
        : [prefix];

    [GeneratedRegex(@"\.Values\.(?<path>[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")]
    private static partial Regex ValuesReference();
}
