using System.Text.Json;

namespace Sightline.Common;

/// <summary>JSON values kept as text in the metadata store.</summary>
internal static class JsonText
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    public static JsonElement ToElement(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return EmptyObject;
        }

        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public static string? FromElement(JsonElement? element) =>
        element is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } e ? e.GetRawText() : null;
}
