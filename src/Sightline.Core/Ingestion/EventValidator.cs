using System.Text.Json;

namespace Sightline.Ingestion;

/// <summary>
/// Checks one batch event against Langfuse's schema. Returns null when valid, else a message naming the field, in
/// the form the 207 response carries. Checks types and required fields only; business rules that need stored state
/// (score configs) belong to the worker.
/// </summary>
internal static class EventValidator
{
    public const int MaxEventIdLength = 800;
    private static readonly string[] Levels = ["DEBUG", "DEFAULT", "WARNING", "ERROR"];
    private static readonly string[] LegacyObservationTypes = ["SPAN", "GENERATION", "EVENT"];
    private static readonly string[] ScoreDataTypes = ["NUMERIC", "BOOLEAN", "CATEGORICAL", "CORRECTION", "TEXT"];
    private static readonly string[] ScoreSources = ["API", "ANNOTATION", "EVAL"];
    private static readonly string[] ScoreTargets = ["traceId", "sessionId", "datasetRunId"];
    private static readonly string[] TraceStrings = ["id", "name", "userId", "sessionId", "release", "version", "environment", "externalId"];
    private static readonly string[] ObservationStrings = ["traceId", "name", "parentObservationId", "version", "statusMessage", "model", "environment", "promptName"];
    private static readonly string[] ScoreStrings = ["id", "traceId", "observationId", "sessionId", "datasetRunId", "comment", "configId", "queueId", "environment", "authorUserId"];

    /// <summary>Validates the envelope and body; on success returns the event, else the error and the id to report.</summary>
    public static (IngestionEvent? Event, string ReportId, string? Error) Validate(JsonElement evt)
    {
        if (evt.ValueKind != JsonValueKind.Object)
        {
            return (null, "unknown", "event: expected an object with id, type, timestamp and body");
        }

        var id = JsonFields.String(evt, "id");
        if (id is null || id.Length is 0 or > MaxEventIdLength || id.Contains('\r', StringComparison.Ordinal))
        {
            return (null, "unknown", $"id: required, a string of 1 to {MaxEventIdLength} characters without carriage returns");
        }

        var typeName = JsonFields.String(evt, "type");
        var type = EventType.FindAccepted(typeName);
        if (type is null)
        {
            return (null, id, typeName is null ? "type: required" : $"type: '{typeName}' is not an event type; expected one of {string.Join(", ", EventType.Names)}");
        }

        if (!JsonFields.TryGet(evt, "timestamp", out var ts) || ts.ValueKind != JsonValueKind.String || !JsonFields.TryParseTime(ts.GetString(), out var timestamp))
        {
            return (null, id, "timestamp: required, an ISO 8601 date-time with a zone, e.g. 2024-01-01T00:00:00.000Z");
        }

        if (!evt.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object)
        {
            return (null, id, "body: required, an object");
        }

        var error = type.Kind switch
        {
            EntityKind.Trace => CheckTrace(body),
            EntityKind.Observation => CheckObservation(body, type),
            EntityKind.Score => CheckScore(body),
            _ => null,
        };
        return error is null ? (new IngestionEvent(id, type, timestamp, body), id, null) : (null, id, "body." + error);
    }

    private static string? CheckTrace(JsonElement body) =>
        Strings(body, TraceStrings)
        ?? MaxLength(body, "name", 1000)
        ?? Time(body, "timestamp")
        ?? Boolean(body, "public")
        ?? StringArray(body, "tags");

    private static string? CheckObservation(JsonElement body, EventType type)
    {
        if (JsonFields.String(body, "id") is not { Length: > 0 })
        {
            return "id: required, a non-empty string";
        }

        var error = Strings(body, ObservationStrings)
            ?? Time(body, "startTime") ?? Time(body, "endTime") ?? Time(body, "completionStartTime")
            ?? OneOf(body, "level", Levels)
            ?? Object(body, "modelParameters") ?? Object(body, "usage") ?? Object(body, "usageDetails") ?? Object(body, "costDetails")
            ?? UsageInRange(body);
        if (error is not null)
        {
            return error;
        }

        if (type.ObservationType is null && OneOf(body, "type", LegacyObservationTypes) is { } typeError)
        {
            return typeError;
        }

        var hasVersion = JsonFields.TryGet(body, "promptVersion", out var version);
        if (hasVersion && (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out _)))
        {
            return "promptVersion: expected an integer";
        }

        return (JsonFields.String(body, "promptName") is not null) != hasVersion
            ? "promptName: promptName and promptVersion must be given together"
            : null;
    }

    // Out-of-range numbers would fail the analytics write; reject them here, naming the field, instead.
    private static string? UsageInRange(JsonElement body)
    {
        foreach (var field in (string[])["usage", "usageDetails", "costDetails"])
        {
            if (JsonFields.TryGet(body, field, out var map) && map.ValueKind == JsonValueKind.Object && OutOfRange(field, map, field == "costDetails") is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static string? OutOfRange(string path, JsonElement map, bool isCost)
    {
        foreach (var property in map.EnumerateObject())
        {
            var name = path + "." + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                if (OutOfRange(name, property.Value, isCost) is { } nested)
                {
                    return nested;
                }
            }
            else if (JsonFields.TryGetNumber(property.Value, out var n))
            {
                // Legacy usage carries its costs beside the counts: inputCost, outputCost, totalCost.
                if (isCost || property.Name.EndsWith("Cost", StringComparison.Ordinal))
                {
                    if (n >= UsageParser.MaxCost)
                    {
                        return $"{name}: {n} is out of range; a cost must be below {UsageParser.MaxCost}";
                    }
                }
                else if (n > UsageParser.MaxTokens)
                {
                    return $"{name}: {n} is out of range; a token count must be at most {UsageParser.MaxTokens}";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The checks of a <c>score-create</c> body (also the body of <c>POST /api/public/scores</c>); the message names the
    /// field without the <c>body.</c> prefix.
    /// </summary>
    public static string? CheckScore(JsonElement body)
    {
        var error = Strings(body, ScoreStrings) ?? Time(body, "timestamp") ?? OneOf(body, "dataType", ScoreDataTypes) ?? OneOf(body, "source", ScoreSources);
        if (error is not null)
        {
            return error;
        }

        if (JsonFields.String(body, "name") is not { Length: > 0 })
        {
            return "name: required, a non-empty string";
        }

        if (!JsonFields.TryGet(body, "value", out var value) || value.ValueKind is not (JsonValueKind.Number or JsonValueKind.String))
        {
            return "value: required, a number or a string";
        }

        if (value.ValueKind == JsonValueKind.Number && (!value.TryGetDouble(out var number) || !double.IsFinite(number)))
        {
            return "value: out of range; a number must be a finite double";
        }

        var targets = ScoreTargets.Count(t => JsonFields.String(body, t) is not null);
        if (targets != 1)
        {
            return "traceId: exactly one of traceId (optionally with observationId), sessionId or datasetRunId is required";
        }

        if (JsonFields.String(body, "observationId") is not null && JsonFields.String(body, "traceId") is null)
        {
            return "observationId: needs traceId";
        }

        var dataType = JsonFields.String(body, "dataType");
        return dataType switch
        {
            "NUMERIC" when value.ValueKind != JsonValueKind.Number => "value: NUMERIC scores need a number",
            "BOOLEAN" when value.ValueKind != JsonValueKind.Number || value.GetDouble() is not (0 or 1) => "value: BOOLEAN scores need 0 or 1",
            "CATEGORICAL" when value.ValueKind != JsonValueKind.String => "value: CATEGORICAL scores need a string",
            "TEXT" when value.ValueKind != JsonValueKind.String || value.GetString()!.Length is 0 or > 500 => "value: TEXT scores need a string of 1 to 500 characters",
            "CORRECTION" when value.ValueKind != JsonValueKind.String => "value: CORRECTION scores need a string, the corrected output",
            "CORRECTION" when JsonFields.String(body, "configId") is not null => "configId: CORRECTION scores take no config",
            "CORRECTION" when JsonFields.String(body, "traceId") is null => "traceId: CORRECTION scores belong to a trace or one of its observations, not to a session or dataset run",
            _ when JsonFields.String(body, "source") == "ANNOTATION" && JsonFields.String(body, "configId") is null => "configId: ANNOTATION scores need a score config",
            _ => null,
        };
    }

    private static string? Strings(JsonElement body, string[] names)
    {
        foreach (var name in names)
        {
            if (JsonFields.TryGet(body, name, out var v) && v.ValueKind != JsonValueKind.String)
            {
                return $"{name}: expected a string";
            }
        }

        return null;
    }

    private static string? MaxLength(JsonElement body, string name, int max) =>
        JsonFields.String(body, name) is { } s && s.Length > max ? $"{name}: at most {max} characters" : null;

    private static string? Time(JsonElement body, string name) =>
        JsonFields.TryGet(body, name, out var v) && (v.ValueKind != JsonValueKind.String || !JsonFields.TryParseTime(v.GetString(), out _))
            ? $"{name}: expected an ISO 8601 date-time with a zone, e.g. 2024-01-01T00:00:00.000Z"
            : null;

    private static string? Boolean(JsonElement body, string name) =>
        JsonFields.TryGet(body, name, out var v) && v.ValueKind is not (JsonValueKind.True or JsonValueKind.False) ? $"{name}: expected true or false" : null;

    private static string? Object(JsonElement body, string name) =>
        JsonFields.TryGet(body, name, out var v) && v.ValueKind != JsonValueKind.Object ? $"{name}: expected an object" : null;

    private static string? StringArray(JsonElement body, string name) =>
        JsonFields.TryGet(body, name, out var v) && (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            ? $"{name}: expected an array of strings"
            : null;

    private static string? OneOf(JsonElement body, string name, string[] allowed) =>
        JsonFields.TryGet(body, name, out var v) && (v.ValueKind != JsonValueKind.String || !allowed.Contains(v.GetString()))
            ? $"{name}: expected one of {string.Join(", ", allowed)}"
            : null;
}
