using System.Text.Json;
using Sightline.Api;

namespace Sightline.Datasets;

/// <summary>Langfuse's dataset object (v2 API).</summary>
internal sealed record DatasetDto(
    string Id,
    string Name,
    string? Description,
    JsonElement? Metadata,
    JsonElement? InputSchema,
    JsonElement? ExpectedOutputSchema,
    string ProjectId,
    DateTime CreatedAt,
    DateTime UpdatedAt);

internal sealed record DatasetListResponse(IReadOnlyList<DatasetDto> Data, PageMeta Meta);

/// <summary>The legacy <c>POST /api/public/datasets</c> answer: the dataset with (empty) items and runs.</summary>
internal sealed record CreatedLegacyDatasetDto(
    string Id,
    string Name,
    string? Description,
    JsonElement? Metadata,
    JsonElement? InputSchema,
    JsonElement? ExpectedOutputSchema,
    string ProjectId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<DatasetItemDto> Items,
    IReadOnlyList<DatasetRunDto> Runs);

/// <summary>The legacy <c>GET /api/public/datasets/{name}</c> answer: the dataset, its active items and its run names.</summary>
internal sealed record LegacyDatasetDto(
    string Id,
    string Name,
    string? Description,
    JsonElement? Metadata,
    JsonElement? InputSchema,
    JsonElement? ExpectedOutputSchema,
    string ProjectId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<DatasetItemDto> Items,
    IReadOnlyList<string> Runs);

/// <summary>An entry of the legacy dataset list: item ids and run names instead of objects.</summary>
internal sealed record LegacyDatasetListEntryDto(
    string Id,
    string Name,
    string? Description,
    JsonElement? Metadata,
    JsonElement? InputSchema,
    JsonElement? ExpectedOutputSchema,
    string ProjectId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<string> Items,
    IReadOnlyList<string> Runs);

internal sealed record LegacyDatasetListResponse(IReadOnlyList<LegacyDatasetListEntryDto> Data, PageMeta Meta);

internal sealed record DatasetItemDto(
    string Id,
    string Status,
    JsonElement? Input,
    JsonElement? ExpectedOutput,
    JsonElement? Metadata,
    string? SourceTraceId,
    string? SourceObservationId,
    string DatasetId,
    string DatasetName,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<JsonElement> MediaReferences);

internal sealed record DatasetItemListResponse(IReadOnlyList<DatasetItemDto> Data, PageMeta Meta);

internal sealed record DatasetRunDto(
    string Id,
    string Name,
    string? Description,
    JsonElement? Metadata,
    string DatasetId,
    string DatasetName,
    DateTime CreatedAt,
    DateTime UpdatedAt);

internal sealed record DatasetRunListResponse(IReadOnlyList<DatasetRunDto> Data, PageMeta Meta);

internal sealed record DatasetRunWithItemsDto(
    string Id,
    string Name,
    string? Description,
    JsonElement? Metadata,
    string DatasetId,
    string DatasetName,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<DatasetRunItemDto> DatasetRunItems);

internal sealed record DatasetRunItemDto(
    string Id,
    string DatasetRunId,
    string DatasetRunName,
    string DatasetItemId,
    string TraceId,
    string? ObservationId,
    DateTime CreatedAt,
    DateTime UpdatedAt);

internal sealed record DatasetRunItemListResponse(IReadOnlyList<DatasetRunItemDto> Data, PageMeta Meta);

internal sealed record DatasetMessageResponse(string Message);
