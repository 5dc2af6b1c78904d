using Sightline.Api;

namespace Sightline.Tracing;

public sealed record ObservationListResponse(IReadOnlyList<ObservationDto> Data, PageMeta Meta);
