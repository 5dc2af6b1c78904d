using Microsoft.AspNetCore.Mvc;

namespace Sightline.Scores;

/// <summary>Query parameters of the score lists, bound as text so bad values get a 400 naming them.</summary>
internal sealed class ScoreListParameters
{
    [FromQuery(Name = "page")] public string? Page { get; init; }
    [FromQuery(Name = "limit")] public string? Limit { get; init; }
    [FromQuery(Name = "userId")] public string? UserId { get; init; }
    [FromQuery(Name = "name")] public string? Name { get; init; }
    [FromQuery(Name = "fromTimestamp")] public string? FromTimestamp { get; init; }
    [FromQuery(Name = "toTimestamp")] public string? ToTimestamp { get; init; }
    [FromQuery(Name = "environment")] public string[]? Environment { get; init; }
    [FromQuery(Name = "source")] public string? Source { get; init; }
    [FromQuery(Name = "operator")] public string? Operator { get; init; }
    [FromQuery(Name = "value")] public string? Value { get; init; }
    [FromQuery(Name = "scoreIds")] public string? ScoreIds { get; init; }
    [FromQuery(Name = "configId")] public string? ConfigId { get; init; }
    [FromQuery(Name = "queueId")] public string? QueueId { get; init; }
    [FromQuery(Name = "dataType")] public string? DataType { get; init; }
    [FromQuery(Name = "traceTags")] public string[]? TraceTags { get; init; }
    [FromQuery(Name = "fields")] public string? Fields { get; init; }
    [FromQuery(Name = "filter")] public string? Filter { get; init; }

    // v2 only: the legacy list reads trace scores and ignores these, as Langfuse's does.
    [FromQuery(Name = "sessionId")] public string? SessionId { get; init; }
    [FromQuery(Name = "datasetRunId")] public string? DatasetRunId { get; init; }
    [FromQuery(Name = "traceId")] public string? TraceId { get; init; }
    [FromQuery(Name = "observationId")] public string? ObservationId { get; init; }
}
