using System.Text.Json;
using Sightline.Api;

namespace Sightline.LlmConnections;

internal static class LlmConnectionMapping
{
    public static LlmConnectionDto ToDto(LlmConnection row) => new(
        row.Id,
        row.Provider,
        row.Adapter,
        row.DisplaySecretKey,
        row.BaseUrl,
        Names(row.CustomModels),
        row.WithDefaultModels,
        Names(row.ExtraHeaderKeys),
        Config(row.Config),
        row.CreatedAt,
        row.UpdatedAt);

    public static IReadOnlyList<string> Names(string json) => JsonSerializer.Deserialize(json, SightlineJson.Default.ListString) ?? [];

    public static string NamesToText(IEnumerable<string> names) => JsonSerializer.Serialize(names.ToList(), SightlineJson.Default.ListString);

    public static JsonElement? Config(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
