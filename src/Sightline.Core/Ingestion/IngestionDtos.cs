using System.Text.Json.Serialization;

namespace Sightline.Ingestion;

public sealed record IngestionSuccess(string Id, int Status);

public sealed record IngestionError(
    string Id,
    int Status,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);

/// <summary>The 207 body: per-event outcomes, exactly as Langfuse shapes them.</summary>
public sealed record IngestionResponse(IReadOnlyList<IngestionSuccess> Successes, IReadOnlyList<IngestionError> Errors);
