using Sightline.Api;

namespace Sightline.Tracing;

internal sealed record SessionListResponse(IReadOnlyList<SessionDto> Data, PageMeta Meta);
