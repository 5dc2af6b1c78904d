using System.Text.Json;

namespace Sightline.Api;

/// <summary>
/// Langfuse's filter conditions (<c>[{type, column, operator, value, key?}]</c>), checked against the columns a list
/// or view offers. Messages name the offending element, e.g. <c>filter[1].operator: ...</c>.
/// </summary>
internal static class FilterParser
{
    private static readonly Dictionary<string, string[]> Operators = new(StringComparer.Ordinal)
    {
        ["datetime"] = [">", "<", ">=", "<="],
        ["string"] = ["=", "contains", "does not contain", "starts with", "ends with"],
        ["stringOptions"] = ["any of", "none of"],
        ["arrayOptions"] = ["any of", "none of", "all of"],
        ["number"] = ["=", ">", "<", ">=", "<="],
        ["stringObject"] = ["=", "contains", "does not contain", "starts with", "ends with"],
        ["boolean"] = ["=", "<>"],
        ["null"] = ["is null", "is not null"],
    };

    private static readonly Dictionary<ColumnKind, string[]> TypesByKind = new()
    {
        [ColumnKind.Text] = ["string", "stringOptions", "null"],
        [ColumnKind.TextList] = ["arrayOptions", "null"],
        [ColumnKind.Number] = ["number", "null"],
        [ColumnKind.Boolean] = ["boolean", "null"],
        [ColumnKind.Time] = ["datetime", "null"],
    };

    /// <summary>The <c>filter</c> query parameter of the list endpoints: a JSON array; absent or empty means none.</summary>
    public static string? ParseParameter(string? text, IReadOnlyDictionary<string, ColumnKind> columns, string scope, out List<FilterCondition> filters)
    {
        filters = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return Parse(document.RootElement, "filter", columns, scope, out filters);
        }
        catch (JsonException)
        {
            return "filter: Invalid JSON; expected an array of {type, column, operator, value}";
        }
    }

    /// <param name="scope">Names what the columns belong to in messages, e.g. "traces" or "view observations".</param>
    public static string? Parse(JsonElement list, string path, IReadOnlyDictionary<string, ColumnKind> columns, string scope, out List<FilterCondition> filters)
    {
        filters = [];
        if (list.ValueKind != JsonValueKind.Array)
        {
            return $"{path}: must be an array of {{type, column, operator, value}}";
        }

        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = $"{path}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                return $"{itemPath}: must be an object with column, operator, value and type";
            }

            if (Filter(item, columns, scope, itemPath, out var filter) is { } problem)
            {
                return problem;
            }

            filters.Add(filter!);
        }

        return null;
    }

    private static string? Filter(JsonElement item, IReadOnlyDictionary<string, ColumnKind> columns, string scope, string path, out FilterCondition? filter)
    {
        filter = null;
        if (Text(item, "column") is not { } column)
        {
            return $"{path}.column: required";
        }

        var type = Text(item, "type");
        if (type is null || !Operators.TryGetValue(type, out var operators))
        {
            return $"{path}.type: must be one of {string.Join(", ", Operators.Keys)}";
        }

        FilterTarget target;
        string[] allowedTypes;
        if (columns.TryGetValue(column, out var kind))
        {
            target = FilterTarget.Column;
            allowedTypes = TypesByKind[kind];
        }
        else if (column == "metadata")
        {
            target = FilterTarget.Metadata;
            allowedTypes = ["stringObject"];
        }
        else
        {
            return $"{path}.column: '{column}' cannot be filtered on for {scope}; filterable columns: {string.Join(", ", columns.Keys)}, metadata";
        }

        if (!allowedTypes.Contains(type))
        {
            return $"{path}.type: '{type}' does not apply to column {column}; expected {string.Join(" or ", allowedTypes)}";
        }

        var op = Text(item, "operator");
        if (op is null || !operators.Contains(op))
        {
            return $"{path}.operator: must be one of {string.Join(", ", operators.Select(o => $"'{o}'"))} for type {type}";
        }

        filter = new FilterCondition { Column = column, Target = target, Type = type, Operator = op };
        item.TryGetProperty("value", out var value);
        switch (type)
        {
            case "string":
                if (value.ValueKind != JsonValueKind.String)
                {
                    return $"{path}.value: must be a string";
                }

                filter = filter with { Text = value.GetString() };
                break;
            case "stringObject":
                if (Text(item, "key") is not { } key)
                {
                    return $"{path}.key: required, the metadata key to filter on";
                }

                if (value.ValueKind != JsonValueKind.String)
                {
                    return $"{path}.value: must be a string";
                }

                filter = filter with { Key = key, Text = value.GetString() };
                break;
            case "stringOptions":
            case "arrayOptions":
                if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                {
                    return $"{path}.value: must be an array of strings";
                }

                var texts = value.EnumerateArray().Select(v => v.GetString()!).Distinct(StringComparer.Ordinal).ToList();
                if (texts.Count == 0 && op == "any of")
                {
                    return $"{path}.value: must name at least one value for 'any of'";
                }

                filter = filter with { Texts = texts };
                break;
            case "number":
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    return $"{path}.value: must be a number";
                }

                filter = filter with { Number = number };
                break;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return $"{path}.value: must be true or false";
                }

                filter = filter with { Flag = value.GetBoolean() };
                break;
            case "datetime":
                if (value.ValueKind != JsonValueKind.String || !QueryValues.TryParseTime(value.GetString(), out var time))
                {
                    return $"{path}.value: must be an ISO 8601 datetime with a time zone";
                }

                filter = filter with { Time = time };
                break;
        }

        return null;
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
