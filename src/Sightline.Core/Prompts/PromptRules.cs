using System.Text.RegularExpressions;

namespace Sightline.Prompts;

/// <summary>Langfuse's rules for prompt names, labels, placeholders and variables, and the limits of what is stored.</summary>
internal static partial class PromptRules
{
    public const string Production = "production";
    /// <summary>Always on the newest version of a name; it moves on every create and cannot be set by hand.</summary>
    public const string Latest = "latest";
    public const string TextType = "text";
    public const string ChatType = "chat";
    public const string PlaceholderType = "placeholder";

    public const int MaxNameLength = 1000;
    public const int MaxLabelLength = 36;
    public const int MaxCommitMessageLength = 500;
    public const int MaxPromptLength = 1_000_000;
    public const int MaxConfigLength = 100_000;
    public const int MaxTagLength = 1000;
    /// <summary>A prompt may reference prompts that reference prompts, down to this many levels below it.</summary>
    public const int MaxNestingDepth = 5;

    // Names of the UI's static prompt pages; a prompt with one of these exact names could not be linked to.
    private static readonly string[] ReservedNames = ["new", "metrics", "prompt-detail"];

    /// <summary>Checks a prompt name and returns it trimmed, as Langfuse stores it; the problem names the field.</summary>
    public static string? NameProblem(string? name, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrEmpty(name))
        {
            return "name: must not be empty";
        }

        if (HtmlTag().IsMatch(name))
        {
            return "name: cannot contain HTML tags";
        }

        if (name.Contains('|', StringComparison.Ordinal))
        {
            return "name: cannot contain '|' (it separates the parts of a prompt reference)";
        }

        if (name.StartsWith('/'))
        {
            return "name: cannot start with a slash";
        }

        if (name.Contains("//", StringComparison.Ordinal))
        {
            return "name: cannot contain consecutive slashes";
        }

        if (name.EndsWith('/'))
        {
            return "name: cannot end with a slash";
        }

        var trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            return "name: must not be empty";
        }

        if (trimmed.Length > MaxNameLength)
        {
            return $"name: at most {MaxNameLength} characters";
        }

        if (ReservedNames.Contains(trimmed, StringComparer.Ordinal))
        {
            return $"name: Prompt name cannot be '{trimmed}'";
        }

        normalized = trimmed;
        return null;
    }

    public static string? LabelProblem(string field, string label)
    {
        if (label.Length is 0 or > MaxLabelLength)
        {
            return $"{field}: a label has 1 to {MaxLabelLength} characters";
        }

        return LabelPattern().IsMatch(label)
            ? null
            : $"{field}: Label must be lowercase alphanumeric with optional underscores, hyphens, or periods ('{label}')";
    }

    public static bool IsPlaceholderName(string name) => PlaceholderName().IsMatch(name);

    /// <summary>The <c>{{variable}}</c> names in a text, as the SDKs' <c>compile()</c> sees them.</summary>
    public static IEnumerable<string> Variables(string text)
    {
        foreach (Match match in Mustache().Matches(text))
        {
            var name = match.Groups[1].Value;
            if (VariableName().IsMatch(name))
            {
                yield return name;
            }
        }
    }

    [GeneratedRegex("^[a-z0-9_\\-.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderName();

    [GeneratedRegex(@"^\p{L}[\p{L}\p{N}_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();

    [GeneratedRegex("{{([^{}]*)}}", RegexOptions.CultureInvariant)]
    private static partial Regex Mustache();

    [GeneratedRegex("<[^<>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();
}
