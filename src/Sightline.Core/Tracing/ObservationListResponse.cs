using Sightline.Api;

namespace Sightline.Tracing;

internal sealed record ObservationListResponse(IReadOnlyList<ObservationDto> Data, PageMeta Meta);
