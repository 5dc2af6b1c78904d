using Sightline.Api;
using Sightline.Ingestion;

namespace Sightline.Tracing;

/// <summary>Parameters shared by the v1 and v2 observation lists, and the v2 cursor and field groups.</summary>
internal static class ObservationQueryParsing
{
    public static readonly string[] Types = ["SPAN", "GENERATION", "EVENT", "AGENT", "TOOL", "CHAIN", "RETRIEVER", "EVALUATOR", "EMBEDDING", "GUARDRAIL"];
    public static readonly string[] Levels = ["DEBUG", "DEFAULT", "WARNING", "ERROR"];

    public static string? Filter(
        string? type, string? name, string? userId, string? sessionId, string? traceId, string? level, string? parentObservationId,
        string? version, string[]? environments, string? fromStartTime, string? toStartTime, out ObservationFilter filter)
    {
        var problem = QueryValues.First(
            QueryValues.OneOf(type, "type", Types, out var parsedType),
            QueryValues.OneOf(level, "level", Levels, out var parsedLevel),
            QueryValues.Time(fromStartTime, "fromStartTime", out var from),
            QueryValues.Time(toStartTime, "toStartTime", out var to));
        filter = new ObservationFilter
        {
            Type = parsedType,
            Name = QueryValues.Optional(name),
            UserId = QueryValues.Optional(userId),
            SessionId = QueryValues.Optional(sessionId),
            TraceId = QueryValues.Optional(traceId),
            Level = parsedLevel,
            ParentObservationId = QueryValues.Optional(parentObservationId),
            Version = QueryValues.Optional(version),
            Environments = QueryValues.Many(environments),
            FromStartTime = from,
            ToStartTime = to,
        };
        return problem;
    }

    /// <summary>Adds the filter conditions; as in Langfuse, a simple parameter gives way to a condition on the same column.</summary>
    public static ObservationFilter WithConditions(ObservationFilter filter, List<FilterCondition> conditions)
    {
        bool Free(string column) => !conditions.Any(c => c.Column == column);
        return filter with
        {
            Conditions = conditions,
            Type = Free("type") ? filter.Type : null,
            Name = Free("name") ? filter.Name : null,
            TraceId = Free("traceId") ? filter.TraceId : null,
            Level = Free("level") ? filter.Level : null,
            ParentObservationId = Free("parentObservationId") ? filter.ParentObservationId : null,
            Version = Free("version") ? filter.Version : null,
            Environments = Free("environment") ? filter.Environments : [],
            FromStartTime = Free("startTime") ? filter.FromStartTime : null,
            ToStartTime = Free("startTime") ? filter.ToStartTime : null,
        };
    }

    /// <summary>
    /// Comma-separated v2 field groups. Absent means <c>core,basic</c>; unknown names are dropped (so a list of only
    /// unknown names leaves the core fields alone, as in Langfuse).
    /// </summary>
    public static ObservationV2Fields Fields(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ObservationV2Fields.Basic;
        }

        var fields = ObservationV2Fields.None;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            fields |= part switch
            {
                "basic" => ObservationV2Fields.Basic,
                "time" => ObservationV2Fields.Time,
                "io" => ObservationV2Fields.Io,
                "metadata" => ObservationV2Fields.Metadata,
                "model" => ObservationV2Fields.Model,
                "usage" => ObservationV2Fields.Usage,
                "prompt" => ObservationV2Fields.Prompt,
                "metrics" => ObservationV2Fields.Metrics,
                "trace_context" => ObservationV2Fields.TraceContext,
                _ => ObservationV2Fields.None,
            };
        }

        return fields;
    }

    public static string EncodeCursor(ObservationCursor cursor) =>
        CursorText.Encode(("lastStartTimeTo", CursorText.Time(cursor.StartTime)), ("lastTraceId", cursor.TraceId), ("lastId", cursor.Id));

    public static string? DecodeCursor(string? text, out ObservationCursor? cursor) =>
        CursorText.Decode(text, root =>
            JsonFields.String(root, "lastStartTimeTo") is { } time && QueryValues.TryParseTime(time, out var startTime)
            && JsonFields.String(root, "lastTraceId") is { } traceId && JsonFields.String(root, "lastId") is { } id
                ? new ObservationCursor(startTime, traceId, id)
                : null, out cursor);
}
