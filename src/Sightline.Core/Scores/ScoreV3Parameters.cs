using Microsoft.AspNetCore.Mvc;

namespace Sightline.Scores;

/// <summary>
/// Query parameters of the v3 score list, bound as text so bad values get a 400 naming them. List filters take
/// comma-separated values.
/// </summary>
internal sealed class ScoreV3Parameters
{
    /// <summary>Every parameter name the list knows; any other is refused, as Langfuse's strict schema does.</summary>
    public static readonly string[] Names =
    [
        "limit", "cursor", "fields", "id", "name", "source", "dataType", "environment", "configId", "queueId", "authorUserId", "value",
        "valueMin", "valueMax", "traceId", "sessionId", "observationId", "experimentId", "fromTimestamp", "toTimestamp", "userId", "traceTags",
    ];

    [FromQuery(Name = "limit")] public string? Limit { get; init; }
    [FromQuery(Name = "cursor")] public string? Cursor { get; init; }
    [FromQuery(Name = "fields")] public string? Fields { get; init; }
    [FromQuery(Name = "id")] public string? Id { get; init; }
    [FromQuery(Name = "name")] public string? Name { get; init; }
    [FromQuery(Name = "source")] public string? Source { get; init; }
    [FromQuery(Name = "dataType")] public string? DataType { get; init; }
    [FromQuery(Name = "environment")] public string? Environment { get; init; }
    [FromQuery(Name = "configId")] public string? ConfigId { get; init; }
    [FromQuery(Name = "queueId")] public string? QueueId { get; init; }
    [FromQuery(Name = "authorUserId")] public string? AuthorUserId { get; init; }
    [FromQuery(Name = "value")] public string? Value { get; init; }
    [FromQuery(Name = "valueMin")] public string? ValueMin { get; init; }
    [FromQuery(Name = "valueMax")] public string? ValueMax { get; init; }
    [FromQuery(Name = "traceId")] public string? TraceId { get; init; }
    [FromQuery(Name = "sessionId")] public string? SessionId { get; init; }
    [FromQuery(Name = "observationId")] public string? ObservationId { get; init; }
    [FromQuery(Name = "experimentId")] public string? ExperimentId { get; init; }
    [FromQuery(Name = "fromTimestamp")] public string? FromTimestamp { get; init; }
    [FromQuery(Name = "toTimestamp")] public string? ToTimestamp { get; init; }
    // Filters on the trace, which the v3 list refuses (they need the trace table).
    [FromQuery(Name = "userId")] public string? UserId { get; init; }
    [FromQuery(Name = "traceTags")] public string? TraceTags { get; init; }
}
