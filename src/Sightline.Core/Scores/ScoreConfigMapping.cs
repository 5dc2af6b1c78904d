using System.Text.Json;
using Sightline.Api;

namespace Sightline.Scores;

/// <summary>Stored score configs to their wire shape, and categories to and from their stored JSON text.</summary>
internal static class ScoreConfigMapping
{
    public static ScoreConfigDto ToDto(ScoreConfig c) =>
        new(c.Id, c.Name, c.DataType, c.IsArchived, c.MinValue, c.MaxValue, Categories(c), c.Description, c.CreatedAt, c.UpdatedAt, c.ProjectId);

    public static IReadOnlyList<ScoreConfigCategory>? Categories(ScoreConfig c) =>
        c.Categories is null ? null : JsonSerializer.Deserialize(c.Categories, SightlineJson.Default.ListScoreConfigCategory);

    public static string? CategoriesToText(IReadOnlyList<ScoreConfigCategory>? categories) =>
        categories is null ? null : JsonSerializer.Serialize(categories.ToList(), SightlineJson.Default.ListScoreConfigCategory);
}
