namespace Sightline.Scores;

/// <summary>Langfuse's score config object.</summary>
internal sealed record ScoreConfigDto(
    string Id,
    string Name,
    string DataType,
    bool IsArchived,
    double? MinValue,
    double? MaxValue,
    IReadOnlyList<ScoreConfigCategory>? Categories,
    string? Description,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string ProjectId);
