using Sightline.Api;

namespace Sightline.Tracing;

internal sealed record TraceListResponse(IReadOnlyList<TraceListItemDto> Data, PageMeta Meta);
