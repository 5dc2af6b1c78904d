namespace Sightline.Scores;

/// <summary>
/// A parsed <c>PATCH /api/public/score-configs/{id}</c> body: each field is changed only when sent. Range bounds and
/// the description may be sent as null to clear them.
/// </summary>
internal sealed record ScoreConfigPatch
{
    public bool? IsArchived { get; init; }
    public string? Name { get; init; }
    public bool SetsMinValue { get; init; }
    public double? MinValue { get; init; }
    public bool SetsMaxValue { get; init; }
    public double? MaxValue { get; init; }
    public IReadOnlyList<ScoreConfigCategory>? Categories { get; init; }
    public bool SetsDescription { get; init; }
    public string? Description { get; init; }
}
