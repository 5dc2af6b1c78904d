namespace Sightline.AnnotationQueues;

/// <summary>A validated <c>POST /api/public/annotation-queues</c> body.</summary>
internal sealed record NewAnnotationQueue(string Name, string? Description, IReadOnlyList<string> ScoreConfigIds);
