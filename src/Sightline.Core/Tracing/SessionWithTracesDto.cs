namespace Sightline.Tracing;

internal sealed record SessionWithTracesDto(string Id, DateTime CreatedAt, string ProjectId, string Environment, IReadOnlyList<SessionTraceDto> Traces);
