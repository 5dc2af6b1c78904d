namespace Sightline.Tracing;

public sealed record SessionDto(string Id, DateTime CreatedAt, string ProjectId, string Environment);
