using Sightline.Api;

namespace Sightline.Scores;

internal sealed record ScoreConfigListResponse(IReadOnlyList<ScoreConfigDto> Data, PageMeta Meta);
