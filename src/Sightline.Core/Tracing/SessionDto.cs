namespace Sightline.Tracing;

internal sealed record SessionDto(string Id, DateTime CreatedAt, string ProjectId, string Environment);
