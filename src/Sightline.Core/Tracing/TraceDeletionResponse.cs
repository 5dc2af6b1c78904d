namespace Sightline.Tracing;

public sealed record TraceDeletionResponse(string Message);
