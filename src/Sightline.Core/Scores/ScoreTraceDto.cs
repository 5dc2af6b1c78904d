namespace Sightline.Scores;

/// <summary>The trace properties a score list item carries (field group <c>trace</c>).</summary>
internal sealed record ScoreTraceDto(string? UserId, IReadOnlyList<string> Tags, string? Environment, string? SessionId);
