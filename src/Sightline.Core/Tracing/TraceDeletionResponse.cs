namespace Sightline.Tracing;

internal sealed record TraceDeletionResponse(string Message);
