using System.Globalization;
using System.Text.Json;

namespace Sightline.Api;

/// <summary>
/// Field checks for the management endpoints' JSON bodies. Each returns null when the field is acceptable, or the
/// 400 message naming it.
/// </summary>
internal static class BodyFields
{
    /// <summary>Langfuse's schemas for these bodies are strict: a key they do not know is an error, not ignored.</summary>
    public static string? Unknown(JsonElement body, IReadOnlyCollection<string> allowed)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                return $"{property.Name}: unknown field; expected only {string.Join(", ", allowed)}";
            }
        }

        return null;
    }

    /// <summary>A required string of 1 to <paramref name="maxLength"/> characters.</summary>
    public static string? Required(JsonElement body, string name, int maxLength, out string value)
    {
        value = string.Empty;
        if (!body.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } text)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{name}: required, a string of 1 to {maxLength} characters");
        }

        if (text.Length > maxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{name}: at most {maxLength} characters");
        }

        value = text;
        return null;
    }

    /// <summary>An optional string of at most <paramref name="maxLength"/> characters; absent or null gives null.</summary>
    public static string? Optional(JsonElement body, string name, int maxLength, out string? value)
    {
        value = null;
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return $"{name}: must be a string or null";
        }

        var text = element.GetString()!;
        if (text.Length > maxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{name}: at most {maxLength} characters");
        }

        value = text;
        return null;
    }

    /// <summary>One of the given names, compared exactly; absent (or null when optional) gives null.</summary>
    public static string? OneOf(JsonElement body, string name, IReadOnlyCollection<string> allowed, bool required, out string? value)
    {
        value = null;
        var present = body.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null;
        if (!present && !required)
        {
            return null;
        }

        if (!present || element.ValueKind != JsonValueKind.String || !allowed.Contains(element.GetString()!))
        {
            return $"{name}: {(required ? "required, " : string.Empty)}one of {string.Join(", ", allowed)}";
        }

        value = element.GetString();
        return null;
    }
}
