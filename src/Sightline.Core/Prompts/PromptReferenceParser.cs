using System.Globalization;
using System.Text.RegularExpressions;

namespace Sightline.Prompts;

/// <summary>
/// Finds Langfuse's prompt references, <c>@@@langfusePrompt:name=NAME|version=N@@@</c> and
/// <c>@@@langfusePrompt:name=NAME|label=LABEL@@@</c>. As in Langfuse, a tag whose first part is not the name or that
/// has other than two parts is not a reference and stays in the text as written.
/// </summary>
internal static partial class PromptReferenceParser
{
    private const string Prefix = "@@@langfusePrompt:";
    private const string Suffix = "@@@";

    /// <summary>The distinct references in the texts, in order of first appearance.</summary>
    public static IReadOnlyList<PromptReference> Parse(IEnumerable<string> texts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var references = new List<PromptReference>();
        foreach (var text in texts)
        {
            if (!text.Contains(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in Tag().Matches(text))
            {
                if (seen.Add(match.Value) && ParseInner(match.Groups[1].Value) is { } reference)
                {
                    references.Add(reference);
                }
            }
        }

        return references;
    }

    /// <summary>The tag text that names a version, as the resolver replaces it.</summary>
    public static string VersionTag(string name, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}name={name}|version={version}{Suffix}");

    public static string LabelTag(string name, string label) => $"{Prefix}name={name}|label={label}{Suffix}";

    private static PromptReference? ParseInner(string inner)
    {
        var parts = inner.Split('|');
        if (parts.Length != 2 || !parts[0].StartsWith("name=", StringComparison.Ordinal))
        {
            return null;
        }

        // Like Langfuse, a value ends at its next '=' and a later key wins over an earlier one.
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var pieces = part.Split('=');
            values[pieces[0]] = pieces.Length > 1 ? pieces[1] : null;
        }

        if (values.GetValueOrDefault("name") is not { Length: > 0 } name)
        {
            return null;
        }

        if (values.GetValueOrDefault("version") is { Length: > 0 } version)
        {
            return int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? new PromptReference(name, number, null)
                : null;
        }

        return values.GetValueOrDefault("label") is { } label ? new PromptReference(name, null, label) : null;
    }

    [GeneratedRegex("@@@langfusePrompt:(.*?)@@@", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
