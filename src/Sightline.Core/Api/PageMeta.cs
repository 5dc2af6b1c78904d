namespace Sightline.Api;

/// <summary>Langfuse's page-based pagination block: <c>totalPages = ceil(totalItems / limit)</c>.</summary>
internal sealed record PageMeta(int Page, int Limit, long TotalItems, long TotalPages)
{
    public static PageMeta Of(int page, int limit, long totalItems) => new(page, limit, totalItems, (totalItems + limit - 1) / limit);
}
