using Sightline.Api;

namespace Sightline.Tracing;

public sealed record SessionListResponse(IReadOnlyList<SessionDto> Data, PageMeta Meta);
