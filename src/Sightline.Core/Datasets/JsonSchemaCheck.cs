using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sightline.Datasets;

/// <summary>
/// Checks a JSON value against a dataset's JSON Schema, as Langfuse does with Ajv (non-strict: unknown keywords are
/// ignored). Covers the assertion keywords datasets use in practice: <c>type, enum, const, properties, required,
/// additionalProperties, items, minItems, maxItems, minLength, maxLength, pattern, minimum, maximum,
/// exclusiveMinimum, exclusiveMaximum, multipleOf, allOf, anyOf, oneOf, not</c>. References (<c>$ref</c>) and
/// formats are not resolved, so a schema relying on them accepts more than Ajv would.
/// </summary>
internal static class JsonSchemaCheck
{
    private static readonly string[] TypeNames = ["null", "boolean", "object", "array", "number", "integer", "string"];
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Why <paramref name="schema"/> is not a usable JSON Schema, or null.</summary>
    public static string? SchemaProblem(JsonElement schema, string path = "")
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return null;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return $"{Where(path)} must be a JSON Schema (an object or a boolean)";
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().ToList() : [type];
            if (names.Count == 0 || names.Any(n => n.ValueKind != JsonValueKind.String || !TypeNames.Contains(n.GetString())))
            {
                return $"{Where(path + "/type")} must be one of {string.Join(", ", TypeNames)} or an array of them";
            }
        }

        if (schema.TryGetProperty("required", out var required)
            && (required.ValueKind != JsonValueKind.Array || required.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String)))
        {
            return $"{Where(path + "/required")} must be an array of property names";
        }

        if (schema.TryGetProperty("enum", out var options) && options.ValueKind != JsonValueKind.Array)
        {
            return $"{Where(path + "/enum")} must be an array";
        }

        if (schema.TryGetProperty("pattern", out var pattern))
        {
            if (pattern.ValueKind != JsonValueKind.String)
            {
                return $"{Where(path + "/pattern")} must be a string";
            }

            try
            {
                _ = new Regex(pattern.GetString()!, RegexOptions.None, PatternTimeout);
            }
            catch (ArgumentException)
            {
                return $"{Where(path + "/pattern")} is not a valid regular expression";
            }
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            if (properties.ValueKind != JsonValueKind.Object)
            {
                return $"{Where(path + "/properties")} must be an object";
            }

            foreach (var property in properties.EnumerateObject())
            {
                if (SchemaProblem(property.Value, $"{path}/properties/{property.Name}") is { } problem)
                {
                    return problem;
                }
            }
        }

        foreach (var single in new[] { "items", "additionalProperties", "not" })
        {
            if (schema.TryGetProperty(single, out var sub) && SchemaProblem(sub, $"{path}/{single}") is { } problem)
            {
                return problem;
            }
        }

        foreach (var list in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (!schema.TryGetProperty(list, out var subs))
            {
                continue;
            }

            if (subs.ValueKind != JsonValueKind.Array || subs.GetArrayLength() == 0)
            {
                return $"{Where(path + "/" + list)} must be a non-empty array of schemas";
            }

            var i = 0;
            foreach (var sub in subs.EnumerateArray())
            {
                if (SchemaProblem(sub, string.Create(CultureInfo.InvariantCulture, $"{path}/{list}/{i++}")) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    /// <summary>The first way <paramref name="value"/> breaks <paramref name="schema"/> ("/path must ..."), or null.</summary>
    public static string? Problem(JsonElement schema, JsonElement value, string path = "")
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return null;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            return $"{Where(path)} is not allowed";
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!names.Any(n => IsOfType(value, n)))
            {
                return $"{Where(path)} must be {string.Join(" or ", names)}";
            }
        }

        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, value)))
        {
            return $"{Where(path)} must be equal to one of the allowed values";
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            return $"{Where(path)} must be equal to constant";
        }

        var problem = value.ValueKind switch
        {
            JsonValueKind.Object => ObjectProblem(schema, value, path),
            JsonValueKind.Array => ArrayProblem(schema, value, path),
            JsonValueKind.String => StringProblem(schema, value.GetString()!, path),
            JsonValueKind.Number => NumberProblem(schema, value.GetDouble(), path),
            _ => null,
        };
        return problem ?? CombinationProblem(schema, value, path);
    }

    private static string? ObjectProblem(JsonElement schema, JsonElement value, string path)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    return $"{Where(path)} must have required property '{name}'";
                }
            }
        }

        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in value.EnumerateObject())
        {
            var childPath = path + "/" + property.Name;
            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                if (Problem(propertySchema, property.Value, childPath) is { } problem)
                {
                    return problem;
                }
            }
            else if (hasAdditional)
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    return $"{Where(path)} must NOT have additional properties ('{property.Name}')";
                }

                if (Problem(additional, property.Value, childPath) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private static string? ArrayProblem(JsonElement schema, JsonElement value, string path)
    {
        var count = value.GetArrayLength();
        if (Limit(schema, "minItems") is { } min && count < min)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Where(path)} must NOT have fewer than {min} items");
        }

        if (Limit(schema, "maxItems") is { } max && count > max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Where(path)} must NOT have more than {max} items");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var element in value.EnumerateArray())
            {
                if (Problem(items, element, string.Create(CultureInfo.InvariantCulture, $"{path}/{i++}")) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private static string? StringProblem(JsonElement schema, string value, string path)
    {
        // Lengths count code points, as JSON Schema (and Ajv) do.
        var length = value.EnumerateRunes().Count();
        if (Limit(schema, "minLength") is { } min && length < min)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Where(path)} must NOT have fewer than {min} characters");
        }

        if (Limit(schema, "maxLength") is { } max && length > max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Where(path)} must NOT have more than {max} characters");
        }

        if (schema.TryGetProperty("pattern", out var pattern))
        {
            bool matches;
            try
            {
                matches = Regex.IsMatch(value, pattern.GetString()!, RegexOptions.None, PatternTimeout);
            }
            catch (RegexMatchTimeoutException)
            {
                matches = false;
            }

            if (!matches)
            {
                return $"{Where(path)} must match pattern \"{pattern.GetString()}\"";
            }
        }

        return null;
    }

    private static string? NumberProblem(JsonElement schema, double value, string path)
    {
        if (Number(schema, "minimum") is { } minimum && value < minimum)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Where(path)} must be >= {minimum}");
        }

        if (Number(schema, "maximum") is { } maximum && value > maximum)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Where(path)} must be <= {maximum}");
        }

        if (Number(schema, "exclusiveMinimum") is { } exclusiveMinimum && value <= exclusiveMinimum)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Where(path)} must be > {exclusiveMinimum}");
        }

        if (Number(schema, "exclusiveMaximum") is { } exclusiveMaximum && value >= exclusiveMaximum)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Where(path)} must be < {exclusiveMaximum}");
        }

        if (Number(schema, "multipleOf") is { } factor and > 0 && Math.Abs(Math.IEEERemainder(value, factor)) > 1e-9 * Math.Max(1, Math.Abs(value)))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Where(path)} must be multiple of {factor}");
        }

        return null;
    }

    private static string? CombinationProblem(JsonElement schema, JsonElement value, string path)
    {
        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var sub in all.EnumerateArray())
            {
                if (Problem(sub, value, path) is { } problem)
                {
                    return problem;
                }
            }
        }

        if (schema.TryGetProperty("anyOf", out var any) && !any.EnumerateArray().Any(sub => Problem(sub, value, path) is null))
        {
            return $"{Where(path)} must match a schema in anyOf";
        }

        if (schema.TryGetProperty("oneOf", out var one) && one.EnumerateArray().Count(sub => Problem(sub, value, path) is null) != 1)
        {
            return $"{Where(path)} must match exactly one schema in oneOf";
        }

        if (schema.TryGetProperty("not", out var not) && Problem(not, value, path) is null)
        {
            return $"{Where(path)} must NOT be valid";
        }

        return null;
    }

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && Math.Floor(d) == d,
        "string" => value.ValueKind == JsonValueKind.String,
        _ => false,
    };

    private static long? Limit(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) ? v : null;

    private static double? Number(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;

    private static string Where(string path) => path.Length == 0 ? "/" : path;
}
