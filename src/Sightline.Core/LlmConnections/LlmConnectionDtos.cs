using System.Text.Json;
using System.Text.Json.Serialization;
using Sightline.Api;

namespace Sightline.LlmConnections;

/// <summary>Langfuse's LLM connection object: everything but the secrets (a display hint of the key, header names only).</summary>
internal sealed record LlmConnectionDto(
    string Id,
    string Provider,
    string Adapter,
    string DisplaySecretKey,
    [property: JsonPropertyName("baseURL")] string? BaseUrl,
    IReadOnlyList<string> CustomModels,
    bool WithDefaultModels,
    IReadOnlyList<string> ExtraHeaderKeys,
    JsonElement? Config,
    DateTime CreatedAt,
    DateTime UpdatedAt);

internal sealed record LlmConnectionListResponse(IReadOnlyList<LlmConnectionDto> Data, PageMeta Meta);

internal sealed record LlmConnectionDeletionResponse(string Message);

/// <summary>The outcome of a connection test: the model's answer and token usage, or the provider's error (key redacted).</summary>
internal sealed record LlmConnectionTestResponse(
    bool Success,
    string Model,
    string? Output,
    LlmConnectionTestUsage? Usage,
    string? Error,
    int? ProviderStatus,
    long LatencyMs);

internal sealed record LlmConnectionTestUsage(long? Input, long? Output, long? Total);
