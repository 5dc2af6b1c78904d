namespace Sightline.Scores;

/// <summary>
/// The fields of a score's trace that score lists show. All are null (and the tags empty) when the score names a
/// trace that was never stored.
/// </summary>
public sealed record ScoreTraceFields(string? UserId, IReadOnlyList<string> Tags, string? Environment, string? SessionId);
