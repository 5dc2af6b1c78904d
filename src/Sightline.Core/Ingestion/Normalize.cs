using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sightline.Ingestion;

/// <summary>Langfuse's normalisations of ingested values (environment names, metadata, usage shapes).</summary>
internal static partial class Normalize
{
    public const string DefaultEnvironment = "default";

    /// <summary>
    /// Lower-cased, any leading <c>langfuse</c>/<c>langfuse-</c>/<c>langfuse_</c> removed (repeatedly; the prefix is
    /// reserved), cut to 40 characters; anything else than <c>[a-z0-9-_]</c> falls back to <c>default</c>.
    /// </summary>
    public static string Environment(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultEnvironment;
        }

        var env = value.Trim().ToLowerInvariant();
        while (env.StartsWith("langfuse", StringComparison.Ordinal))
        {
            env = env["langfuse".Length..].TrimStart('-', '_');
        }

        if (env.Length > 40)
        {
            env = env[..40];
        }

        return env.Length > 0 && EnvironmentPattern().IsMatch(env) ? env : DefaultEnvironment;
    }

    /// <summary>
    /// Metadata as Langfuse stores it: a flat map of strings, non-string values JSON-encoded; a non-object value
    /// becomes <c>{"metadata": value}</c>.
    /// </summary>
    public static void MergeMetadata(Dictionary<string, string> target, JsonElement metadata)
    {
        switch (metadata.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in metadata.EnumerateObject())
                {
                    if (property.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                    {
                        target[property.Name] = AsString(property.Value);
                    }
                }

                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                target["metadata"] = AsString(metadata);
                break;
        }
    }

    public static string AsString(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary>JSON's notion of "something was sent": not null, not an empty string.</summary>
    /// <remarks>Compares in place: reading a string out would copy every input and output once more just to test it.</remarks>
    public static bool IsTruthy(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => false,
            JsonValueKind.String => !value.ValueEquals(ReadOnlySpan<byte>.Empty),
            _ => true,
        };

    [GeneratedRegex("^[a-z0-9_-]+$")]
    private static partial Regex EnvironmentPattern();
}
