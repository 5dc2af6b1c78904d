namespace Sightline.Scores;

internal sealed record ScoreDeletionResponse(string Message);
