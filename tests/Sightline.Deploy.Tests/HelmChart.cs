using System.Text;
using YamlDotNet.RepresentationModel;

namespace Sightline.Deploy.Tests;

/// <summary>Renders deploy/helm/sightline with <c>helm template</c> and resolves each container's environment.</summary>
internal static class HelmChart
{
    public const string Release = "t";

    /// <summary>Settings of a scale-mode install with every external engine given.</summary>
    public static readonly Dictionary<string, string> ScaleValues = new(StringComparer.Ordinal)
    {
        ["mode"] = "scale",
        ["publicUrl"] = "https://sightline.example.com",
        ["secrets.salt"] = "chart-test-salt",
        ["secrets.encryptionKey"] = new string('a', 64),
        ["secrets.adminApiKey"] = "chart-test-admin",
        ["postgresql.host"] = "postgres.db",
        ["postgresql.password"] = "p@ss:w/rd",
        ["clickhouse.url"] = "http://clickhouse.db:8123",
        ["clickhouse.password"] = "ch-secret",
        ["redis.host"] = "valkey.db",
        ["redis.password"] = "redis-secret",
        ["s3.endpoint"] = "http://minio.db:9000",
        ["s3.forcePathStyle"] = "true",
        ["s3.accessKeyId"] = "access",
        ["s3.secretAccessKey"] = "s3-secret",
        ["s3.eventBucket"] = "events",
        ["s3.mediaBucket"] = "media",
        ["ingress.enabled"] = "true",
    };

    public static Task<ToolResult> TemplateAsync(IReadOnlyDictionary<string, string> values) =>
        Tool.Helm.RunAsync(["template", Release, Repository.Chart, .. SetArgs(values)]);

    public static async Task<List<YamlNode>> RenderAsync(IReadOnlyDictionary<string, string> values) =>
        Yaml.LoadAll((await TemplateAsync(values)).EnsureSuccess());

    public static IEnumerable<string> SetArgs(IReadOnlyDictionary<string, string> values) =>
        values.SelectMany(v => new[] { "--set-string", $"{v.Key}={v.Value}" });

    public static YamlNode Single(List<YamlNode> documents, string kind, string name) =>
        documents.Single(d => d.TextAt("kind") == kind && d.TextAt("metadata", "name") == name);

    public static YamlNode Container(YamlNode workload) => workload.Get("spec", "template", "spec", "containers").Items().Single();

    /// <summary>
    /// The variables a container gets: its ConfigMap and Secret (envFrom, as rendered by the chart) and its own env list.
    /// A value taken from the pod itself (valueFrom) reads as the source's description.
    /// </summary>
    public static Dictionary<string, string> Environment(List<YamlNode> documents, YamlNode container)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.Find("envFrom").Items())
        {
            if (source.TextAt("configMapRef", "name") is { } configMap)
            {
                foreach (var (key, value) in Single(documents, "ConfigMap", configMap).Find("data").Entries())
                {
                    environment[key] = value.Text();
                }
            }
            else if (source.TextAt("secretRef", "name") is { } secret)
            {
                var rendered = documents.SingleOrDefault(d => d.TextAt("kind") == "Secret" && d.TextAt("metadata", "name") == secret);
                foreach (var (key, value) in (rendered?.Find("stringData")).Entries())
                {
                    environment[key] = value.Text();
                }

                foreach (var (key, value) in (rendered?.Find("data")).Entries())
                {
                    environment[key] = Encoding.UTF8.GetString(Convert.FromBase64String(value.Text()));
                }
            }
        }

        foreach (var variable in container.Find("env").Items())
        {
            environment[variable.Get("name").Text()] = variable.TextAt("value") ?? $"<{variable.Get("valueFrom")}>";
        }

        return environment;
    }
}
