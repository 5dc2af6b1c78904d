using System.Text.Json.Nodes;

namespace Sightline.Otel;

/// <summary>
/// The trace-level values a span carries (spec §5.4 trace rows and the compatibility keys of §5.6). A non-root
/// span that carries any of them updates its trace with exactly these.
/// </summary>
internal sealed record TraceAttributes(
    string? Name,
    string? UserId,
    string? SessionId,
    IReadOnlyList<string>? Tags,
    bool? Public,
    JsonObject? Metadata,
    JsonNode? Input,
    JsonNode? Output)
{
    private static readonly string[] MetadataPrefixes = ["langfuse.trace.metadata.", "langfuse.observation.metadata.", "langfuse.metadata."];

    public bool Any => Name is not null || UserId is not null || SessionId is not null || Tags is not null || Public is not null
        || Metadata is not null || Input is not null || Output is not null;

    public static TraceAttributes Read(SpanAttributes a)
    {
        var metadata = TraceMetadata(a);
        var telemetry = a.WithPrefix("ai.telemetry.metadata.")
            .Where(p => p.Key is not ("userId" or "sessionId" or "tags" or "langfusePrompt"))
            .ToList();
        if (telemetry.Count > 0)
        {
            metadata ??= [];
            foreach (var (key, value) in telemetry)
            {
                metadata[key] = OtlpJsonValues.ToNode(value);
            }
        }

        return new TraceAttributes(
            a.String("langfuse.trace.name"),
            a.FirstString(["user.id", "langfuse.user.id", .. CompatKeys("langfuse_user_id"), "ai.telemetry.metadata.userId"]),
            a.FirstString(["session.id", "langfuse.session.id", .. CompatKeys("langfuse_session_id"), "ai.telemetry.metadata.sessionId", "gen_ai.conversation.id"]),
            ReadTags(a),
            a.Bool("langfuse.trace.public") ?? a.Bool("langfuse.public"),
            metadata,
            a.Get("langfuse.trace.input") is { } input ? OtlpJsonValues.ParseEncoded(input) : null,
            a.Get("langfuse.trace.output") is { } output ? OtlpJsonValues.ParseEncoded(output) : null);
    }

    /// <summary><c>langfuse.trace.metadata</c> (a JSON object) merged with its <c>langfuse.trace.metadata.&lt;k&gt;</c> keys.</summary>
    public static JsonObject? TraceMetadata(SpanAttributes a)
    {
        var whole = OtlpJsonValues.ParseObject(a.Get("langfuse.trace.metadata"));
        var keys = a.WithPrefix(MetadataPrefixes[0]).ToList();
        if (whole is null && keys.Count == 0)
        {
            return null;
        }

        var metadata = whole ?? [];
        foreach (var (key, value) in keys)
        {
            metadata[key] = OtlpJsonValues.ToNode(value);
        }

        return metadata;
    }

    private static string[] CompatKeys(string name) => [.. MetadataPrefixes[..2].Select(p => p + name)];

    /// <summary>A string array, or a JSON-array string, a comma-separated list or a single tag.</summary>
    private static List<string>? ReadTags(SpanAttributes a)
    {
        string[] keys = ["langfuse.trace.tags", "langfuse.tags", .. CompatKeys("langfuse_tags"), "ai.telemetry.metadata.tags", "tag.tags"];
        foreach (var key in keys)
        {
            if (a.Get(key) is { } value && ParseTags(value) is { Count: > 0 } tags)
            {
                return tags;
            }
        }

        return null;
    }

    private static List<string>? ParseTags(OtlpValue value)
    {
        if (value.Kind == OtlpValueKind.Array)
        {
            return [.. value.Array!.Select(OtlpJsonValues.AsText).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)];
        }

        if (value.Kind != OtlpValueKind.String)
        {
            return null;
        }

        var text = value.String!.Trim();
        if (text.StartsWith('[') && OtlpJsonValues.TryParse(text) is JsonArray array)
        {
            return [.. array.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : t?.ToJsonString() ?? "").Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)];
        }

        return [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
    }
}
