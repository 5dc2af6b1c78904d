namespace Sightline.Scores;

/// <summary>A validated <c>POST /api/public/score-configs</c> body.</summary>
internal sealed record NewScoreConfig(
    string Name,
    string DataType,
    IReadOnlyList<ScoreConfigCategory>? Categories,
    double? MinValue,
    double? MaxValue,
    string? Description);
