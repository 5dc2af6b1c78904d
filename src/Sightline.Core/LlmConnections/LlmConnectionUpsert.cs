namespace Sightline.LlmConnections;

/// <summary>A validated <c>PUT /api/public/llm-connections</c> body.</summary>
internal sealed record LlmConnectionUpsert(
    string Provider,
    string Adapter,
    string? SecretKey,
    string? BaseUrl,
    IReadOnlyList<string> CustomModels,
    bool WithDefaultModels,
    IReadOnlyDictionary<string, string>? ExtraHeaders,
    string? Config);
