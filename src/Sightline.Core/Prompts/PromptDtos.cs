using System.Text.Json;

namespace Sightline.Prompts;

/// <summary>A fetched prompt (<c>GET /v2/prompts/{name}</c>): resolved content, its resolution graph and <c>isActive</c>.</summary>
internal sealed record PromptDto(
    string Id,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string ProjectId,
    string CreatedBy,
    string Name,
    int Version,
    string Type,
    JsonElement Prompt,
    JsonElement Config,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Tags,
    string? CommitMessage,
    PromptGraphDto? ResolutionGraph,
    bool IsActive);

/// <summary>A stored version as created or relabelled (<c>POST</c>, <c>PATCH</c>): unresolved, without graph or <c>isActive</c>.</summary>
internal sealed record PromptVersionDto(
    string Id,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string ProjectId,
    string CreatedBy,
    string Name,
    int Version,
    string Type,
    JsonElement Prompt,
    JsonElement Config,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Tags,
    string? CommitMessage);

/// <summary>Which prompts a resolved prompt pulled in: the root, and for each prompt id the prompts it referenced.</summary>
internal sealed record PromptGraphDto(PromptNodeDto Root, IReadOnlyDictionary<string, List<PromptNodeDto>> Dependencies);

internal sealed record PromptNodeDto(string Id, string Name, int Version);

/// <summary>One prompt name in the list, summarising the versions that matched the filters.</summary>
internal sealed record PromptMetaDto(
    string Name,
    string Type,
    IReadOnlyList<int> Versions,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Tags,
    DateTime LastUpdatedAt,
    JsonElement LastConfig);

/// <summary>The list envelope; <c>pagination</c> repeats <c>meta</c> because Langfuse's first release used that name.</summary>
internal sealed record PromptListResponse(IReadOnlyList<PromptMetaDto> Data, PromptPageMeta Meta, PromptPageMeta Pagination);

internal sealed record PromptPageMeta(int Page, int Limit, int TotalItems, int TotalPages);
