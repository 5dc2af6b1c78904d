using System.Text.Json;
using Sightline.Api;
using Sightline.Ingestion;

namespace Sightline.Scores;

/// <summary>Reads the score config create and update bodies; each failure names the field.</summary>
internal static class ScoreConfigRequestParser
{
    private static readonly string[] PatchFields = ["isArchived", "name", "minValue", "maxValue", "categories", "description"];

    public static string? ParseCreate(JsonElement body, out NewScoreConfig? config)
    {
        config = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return "body: must be an object {name, dataType, categories?, minValue?, maxValue?, description?}";
        }

        if ((OptionalString(body, "name", out var name) ?? ScoreConfigRules.Name(name)) is { } nameProblem)
        {
            return nameProblem;
        }

        var dataType = JsonFields.TryGet(body, "dataType", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        if (dataType is null || !ScoreConfigRules.DataTypes.Contains(dataType))
        {
            return $"dataType: required, one of {string.Join(", ", ScoreConfigRules.DataTypes)}";
        }

        var problem = QueryValues.First(
            OptionalString(body, "description", out var description),
            ScoreConfigRules.Description(description),
            OptionalNumber(body, "minValue", out var min),
            OptionalNumber(body, "maxValue", out var max),
            OptionalCategories(body, out var categories));
        if (problem is not null)
        {
            return problem;
        }

        if (dataType == ScoreConfigRules.Boolean)
        {
            if (categories is not null)
            {
                return "categories: BOOLEAN configs always have the categories True (1) and False (0); do not pass any";
            }

            categories = ScoreConfigRules.BooleanCategories;
        }

        if (ScoreConfigRules.Consistency(dataType, categories, min, max) is { } inconsistent)
        {
            return inconsistent;
        }

        config = new NewScoreConfig(name!, dataType, categories, min, max, description);
        return null;
    }

    public static string? ParsePatch(JsonElement body, out ScoreConfigPatch? patch)
    {
        patch = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return "body: must be an object with at least one of " + string.Join(", ", PatchFields);
        }

        var sent = 0;
        foreach (var property in body.EnumerateObject())
        {
            if (!PatchFields.Contains(property.Name))
            {
                return property.Name == "dataType"
                    ? "dataType: cannot be changed; create a new config instead"
                    : $"{property.Name}: unknown field; a config update takes {string.Join(", ", PatchFields)}";
            }

            sent++;
        }

        if (sent == 0)
        {
            return "body: cannot be empty; send at least one of " + string.Join(", ", PatchFields);
        }

        bool? isArchived = null;
        if (body.TryGetProperty("isArchived", out var archived))
        {
            if (archived.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return "isArchived: must be true or false";
            }

            isArchived = archived.GetBoolean();
        }

        string? name = null;
        if (body.TryGetProperty("name", out var nameElement))
        {
            name = nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString() : null;
            if (ScoreConfigRules.Name(name) is { } nameProblem)
            {
                return nameProblem;
            }
        }

        var problem = QueryValues.First(
            OptionalString(body, "description", out var description),
            ScoreConfigRules.Description(description),
            OptionalNumber(body, "minValue", out var min),
            OptionalNumber(body, "maxValue", out var max),
            OptionalCategories(body, out var categories));
        if (problem is not null)
        {
            return problem;
        }

        if (body.TryGetProperty("categories", out _) && categories is null)
        {
            return "categories: must be an array of {label, value}";
        }

        patch = new ScoreConfigPatch
        {
            IsArchived = isArchived,
            Name = name,
            SetsMinValue = body.TryGetProperty("minValue", out _),
            MinValue = min,
            SetsMaxValue = body.TryGetProperty("maxValue", out _),
            MaxValue = max,
            Categories = categories,
            SetsDescription = body.TryGetProperty("description", out _),
            Description = description,
        };
        return null;
    }

    private static string? OptionalString(JsonElement body, string name, out string? value)
    {
        value = null;
        if (!JsonFields.TryGet(body, name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return $"{name}: must be a string";
        }

        value = element.GetString();
        return null;
    }

    private static string? OptionalNumber(JsonElement body, string name, out double? value)
    {
        value = null;
        if (!JsonFields.TryGet(body, name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            return $"{name}: must be a finite number";
        }

        value = number;
        return null;
    }

    /// <summary>Absent or null leaves the categories null; otherwise they must be well-formed with unique labels and values.</summary>
    private static string? OptionalCategories(JsonElement body, out IReadOnlyList<ScoreConfigCategory>? categories)
    {
        categories = null;
        if (!JsonFields.TryGet(body, "categories", out var list))
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return "categories: must be an array of {label, value}";
        }

        var parsed = new List<ScoreConfigCategory>();
        var labels = new HashSet<string>(StringComparer.Ordinal);
        var values = new HashSet<double>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"categories[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                return $"{path}: must be an object {{label, value}}";
            }

            if (JsonFields.String(item, "label") is not { Length: > 0 } label)
            {
                return $"{path}.label: required, a non-empty string";
            }

            if (!item.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                return $"{path}.value: required, a finite number";
            }

            if (!labels.Add(label))
            {
                return $"{path}.label: duplicate category label '{label}'; labels must be unique";
            }

            if (!values.Add(value))
            {
                return $"{path}.value: duplicate category value {v.GetRawText()}; values must be unique";
            }

            parsed.Add(new ScoreConfigCategory(label, value));
        }

        if (ScoreConfigMapping.CategoriesToText(parsed)!.Length > ScoreConfigRules.MaxCategoriesJsonLength)
        {
            return $"categories: at most {ScoreConfigRules.MaxCategoriesJsonLength} characters of JSON";
        }

        categories = parsed;
        return null;
    }
}
