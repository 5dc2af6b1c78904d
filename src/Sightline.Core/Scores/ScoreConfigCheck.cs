using System.Globalization;
using System.Text.Json;
using Sightline.Ingestion;

namespace Sightline.Scores;

/// <summary>
/// Whether a score body (already valid on its own) fits the config it references, as Langfuse checks it: the config
/// is not archived, a given data type matches the config's, and the value fits the type, the numeric range (bounds
/// included) or a category label. The score then takes the config's name and data type.
/// </summary>
internal static class ScoreConfigCheck
{
    public const int MaxTextLength = 500;

    /// <returns>Null when the body fits; otherwise the problem, naming the field.</returns>
    public static string? Check(JsonElement body, ScoreConfig config)
    {
        if (config.IsArchived)
        {
            return $"configId: score config '{config.Id}' is archived and takes no new scores; restore it with PATCH isArchived=false first";
        }

        if (JsonFields.String(body, "dataType") is { } dataType && dataType != config.DataType)
        {
            return $"dataType: the score config '{config.Name}' is {config.DataType}, got {dataType}";
        }

        var value = body.GetProperty("value");
        return config.DataType switch
        {
            ScoreConfigRules.Numeric when value.ValueKind != JsonValueKind.Number => $"value: the score config '{config.Name}' is NUMERIC and needs a number",
            ScoreConfigRules.Numeric when config.MinValue is { } min && value.GetDouble() < min =>
                string.Create(CultureInfo.InvariantCulture, $"value: {value.GetDouble()} is below the minimum {min} of score config '{config.Name}'"),
            ScoreConfigRules.Numeric when config.MaxValue is { } max && value.GetDouble() > max =>
                string.Create(CultureInfo.InvariantCulture, $"value: {value.GetDouble()} is above the maximum {max} of score config '{config.Name}'"),
            ScoreConfigRules.Boolean when value.ValueKind != JsonValueKind.Number || value.GetDouble() is not (0 or 1) =>
                $"value: the score config '{config.Name}' is BOOLEAN and needs 0 or 1",
            ScoreConfigRules.Categorical when value.ValueKind != JsonValueKind.String =>
                $"value: the score config '{config.Name}' is CATEGORICAL and needs one of its category labels as a string",
            ScoreConfigRules.Categorical when CategoryValue(config, value.GetString()!) is null =>
                $"value: '{value.GetString()}' is not a category of score config '{config.Name}'; expected one of {string.Join(", ", (ScoreConfigMapping.Categories(config) ?? []).Select(c => c.Label))}",
            ScoreConfigRules.Text when value.ValueKind != JsonValueKind.String || value.GetString()!.Length is 0 or > MaxTextLength =>
                $"value: the score config '{config.Name}' is TEXT and needs a string of 1 to {MaxTextLength} characters",
            _ => null,
        };
    }

    /// <summary>The number a category label maps to, or null when the config has no such label.</summary>
    public static double? CategoryValue(ScoreConfig config, string label) =>
        ScoreConfigMapping.Categories(config)?.FirstOrDefault(c => c.Label == label)?.Value;
}
