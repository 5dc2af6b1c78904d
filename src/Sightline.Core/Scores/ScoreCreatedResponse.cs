namespace Sightline.Scores;

/// <summary><c>POST /api/public/scores</c>: the id the score is stored under (the client's, or a new one).</summary>
internal sealed record ScoreCreatedResponse(string Id);
