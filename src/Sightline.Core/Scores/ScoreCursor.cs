namespace Sightline.Scores;

/// <summary>Position after the last score of a v3 page, in the list's order (timestamp, id; descending).</summary>
public sealed record ScoreCursor(DateTime Timestamp, string Id);
