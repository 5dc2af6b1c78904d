using YamlDotNet.RepresentationModel;

namespace Sightline.Deploy.Tests;

/// <summary>Renders a compose file with <c>docker-compose config</c> and reads its services back.</summary>
internal static class ComposeFiles
{
    public static async Task<ToolResult> RenderAsync(string file, IReadOnlyDictionary<string, string> envFile)
    {
        var path = EnvFile.Write(envFile);
        try
        {
            // The machine's own variables would win over the env file: drop every one the files interpolate.
            var environment = EnvFile.Parse(Repository.Read(Repository.EnvExample)).ToDictionary(v => v.Key, _ => (string?)null);
            return await Tool.Compose.RunAsync(["--env-file", path, "-f", file, "config"], environment);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    public static async Task<YamlNode> RenderServicesAsync(string file, IReadOnlyDictionary<string, string> envFile) =>
        Yaml.Load((await RenderAsync(file, envFile)).EnsureSuccess()).Get("services");

    public static Dictionary<string, string> Environment(YamlNode service) =>
        service.Find("environment").Entries().ToDictionary(e => e.Key, e => e.Value.Text(), StringComparer.Ordinal);

    public static List<string> Command(YamlNode service) => service.Find("command").Texts();

    /// <summary>Container ports a service publishes, from either the short or the long syntax.</summary>
    public static List<int> TargetPorts(YamlNode service) =>
    [
        .. service.Find("ports").Items().Select(p => int.Parse(p is YamlScalarNode s ? s.Text().Split(':')[^1] : p.Get("target").Text(), System.Globalization.CultureInfo.InvariantCulture)),
    ];
}
