using System.Text.Json;

namespace Sightline.Projects;

internal static class ProjectRules
{
    public const int MinNameLength = 3;
    public const int MaxNameLength = 60;
    public const int MinRetentionDays = 3;

    /// <summary>Returns a message naming the offending field, or null when the body is acceptable.</summary>
    public static string? Validate(string? name, JsonElement? metadata, int? retention)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "name: required, a non-empty string";
        }

        if (name.Trim().Length is < MinNameLength or > MaxNameLength)
        {
            return $"name: between {MinNameLength} and {MaxNameLength} characters";
        }

        if (metadata is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            return "metadata: must be a JSON object";
        }

        if (retention is < 0 or (> 0 and < MinRetentionDays))
        {
            return $"retention: 0 (keep forever) or at least {MinRetentionDays} days";
        }

        return null;
    }

    public static int? StoredRetention(int? retention) => retention is null or 0 ? null : retention;
}
