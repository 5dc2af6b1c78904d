using System.Globalization;
using System.Text.RegularExpressions;

namespace Sightline.Scores;

/// <summary>
/// What makes a score config valid, as Langfuse checks it: the name, and per data type which of categories and the
/// numeric range it may carry. Messages name the offending field.
/// </summary>
internal static partial class ScoreConfigRules
{
    public const int MaxNameLength = 35;
    public const int MaxDescriptionLength = 10_000;
    /// <summary>Upper bound of the stored categories JSON, so a huge list is refused with a 400 rather than by the database.</summary>
    public const int MaxCategoriesJsonLength = 100_000;

    public const string Numeric = "NUMERIC";
    public const string Boolean = "BOOLEAN";
    public const string Categorical = "CATEGORICAL";
    public const string Text = "TEXT";

    public static readonly string[] DataTypes = [Numeric, Boolean, Categorical, Text];

    /// <summary>Boolean configs always carry these two categories; clients cannot choose others.</summary>
    public static readonly IReadOnlyList<ScoreConfigCategory> BooleanCategories = [new("True", 1), new("False", 0)];

    public static string? Name(string? name) => name switch
    {
        null or { Length: 0 } => "name: required, a non-empty string",
        { Length: > MaxNameLength } => $"name: at most {MaxNameLength} characters",
        _ when !NamePattern().IsMatch(name) => "name: may hold only letters, digits, underscores, spaces, periods, parentheses and hyphens",
        _ => null,
    };

    public static string? Description(string? description) =>
        description is { Length: > MaxDescriptionLength } ? $"description: at most {MaxDescriptionLength} characters" : null;

    /// <summary>Checks that the data type's fields fit together; the categories are already unique and well-formed.</summary>
    public static string? Consistency(string dataType, IReadOnlyList<ScoreConfigCategory>? categories, double? minValue, double? maxValue)
    {
        if (dataType != Numeric && (minValue is not null || maxValue is not null))
        {
            return $"{(minValue is not null ? "minValue" : "maxValue")}: only NUMERIC configs take a range (this config is {dataType})";
        }

        return dataType switch
        {
            Numeric when categories is not null => "categories: only CATEGORICAL configs take categories (this config is NUMERIC)",
            Numeric when minValue is { } min && maxValue is { } max && max <= min =>
                string.Create(CultureInfo.InvariantCulture, $"maxValue: must be greater than minValue ({max} <= {min})"),
            Categorical when categories is null or { Count: 0 } => "categories: required for CATEGORICAL configs, a non-empty array of {label, value}",
            Text when categories is not null => "categories: only CATEGORICAL configs take categories (this config is TEXT)",
            _ => null,
        };
    }

    [GeneratedRegex(@"^[\p{L}\p{N}_ .()-]+$")]
    private static partial Regex NamePattern();
}
