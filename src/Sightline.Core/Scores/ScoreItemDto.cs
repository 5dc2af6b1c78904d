using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sightline.Scores;

/// <summary>
/// A score as the score API returns it. The shape follows <c>dataType</c>: TEXT scores carry no <c>value</c>;
/// NUMERIC scores no <c>stringValue</c> (null). <c>trace</c> appears on list items that asked for it.
/// </summary>
internal sealed record ScoreItemDto(
    string Id,
    string ProjectId,
    string? TraceId,
    string? SessionId,
    string? ObservationId,
    string? DatasetRunId,
    string Name,
    string Source,
    DateTime Timestamp,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string? AuthorUserId,
    string? Comment,
    JsonElement Metadata,
    string? ConfigId,
    string? QueueId,
    string Environment,
    string DataType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Value,
    string? StringValue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ScoreTraceDto? Trace);
