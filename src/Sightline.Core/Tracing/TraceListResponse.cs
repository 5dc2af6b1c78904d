using Sightline.Api;

namespace Sightline.Tracing;

public sealed record TraceListResponse(IReadOnlyList<TraceListItemDto> Data, PageMeta Meta);
