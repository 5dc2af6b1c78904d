using YamlDotNet.RepresentationModel;

namespace Sightline.Deploy.Tests;

/// <summary>Reading rendered YAML: documents, mapping lookups by path, scalars and sequences.</summary>
internal static class Yaml
{
    public static List<YamlNode> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(d => d.RootNode).Where(n => n is YamlMappingNode { Children.Count: > 0 })];
    }

    public static YamlNode Load(string text) => LoadAll(text).Single();

    /// <summary>The node at the path of mapping keys, or null when a key is missing.</summary>
    public static YamlNode? Find(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public static YamlNode Get(this YamlNode node, params string[] path) =>
        node.Find(path) ?? throw new KeyNotFoundException($"'{string.Join('.', path)}' is missing at {node.Start}");

    public static string Text(this YamlNode node) => node is YamlScalarNode scalar
        ? scalar.Value ?? string.Empty
        : throw new InvalidOperationException($"expected a scalar at {node.Start}, found {node.NodeType}");

    public static string? TextAt(this YamlNode node, params string[] path) => node.Find(path) is YamlScalarNode s ? s.Value : null;

    public static IEnumerable<YamlNode> Items(this YamlNode? node) => node switch
    {
        null => [],
        YamlSequenceNode sequence => sequence.Children,
        _ => throw new InvalidOperationException($"expected a sequence at {node.Start}, found {node.NodeType}"),
    };

    public static IEnumerable<KeyValuePair<string, YamlNode>> Entries(this YamlNode? node) => node switch
    {
        null => [],
        YamlScalarNode { Value: null or "" } => [],
        YamlMappingNode map => map.Children.Select(c => KeyValuePair.Create(c.Key.Text(), c.Value)),
        _ => throw new InvalidOperationException($"expected a mapping at {node.Start}, found {node.NodeType}"),
    };

    public static List<string> Texts(this YamlNode? node) => [.. node.Items().Select(Text)];
}
