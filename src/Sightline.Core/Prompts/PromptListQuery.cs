namespace Sightline.Prompts;

/// <summary>The filters and page of <c>GET /v2/prompts</c>; each filter applies to versions, before grouping by name.</summary>
internal sealed record PromptListQuery(
    string? Name,
    int? Version,
    string? Label,
    string? Tag,
    DateTime? FromUpdatedAt,
    DateTime? ToUpdatedAt,
    int Page,
    int Limit);
