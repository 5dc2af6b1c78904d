using Sightline.Tracing;

namespace Sightline.Scores;

/// <param name="Trace">The score's trace, when the query asked for it and the score belongs to a trace.</param>
public sealed record ScoreListItem(ScoreRecord Score, ScoreTraceFields? Trace);
