using Sightline.Api;

namespace Sightline.Scores;

internal sealed record ScoreListResponse(IReadOnlyList<ScoreItemDto> Data, PageMeta Meta);
