using System.Text.Json.Nodes;
using Sightline.Ingestion;

namespace Sightline.Otel;

/// <summary>
/// Turns an OTLP trace export into batch-ingestion events (spec §5.2–5.6), so OTel spans take the same merge path as
/// <c>POST /api/public/ingestion</c>: each span becomes one <c>&lt;type&gt;-create</c>; root spans and spans carrying
/// trace attributes add a <c>trace-create</c>; traces seen only through child spans get a shallow one. Envelope ids
/// derive from trace and span id, so a re-sent export maps to the same events.
/// </summary>
internal sealed class OtelSpanMapper(TimeProvider time)
{
    private static readonly string[] EnvironmentKeys = ["langfuse.environment", "deployment.environment.name", "deployment.environment"];

    public IReadOnlyList<IngestionEvent> Map(OtlpTraceExport export)
    {
        var now = OtelTime.TruncateToMilliseconds(time.GetUtcNow().UtcDateTime);
        var events = new List<IngestionEvent>();
        var fullTraces = new HashSet<string>(StringComparer.Ordinal);
        var shallow = new Dictionary<string, (DateTime Start, string SpanId, string Environment)>(StringComparer.Ordinal);
        foreach (var resourceSpans in export.ResourceSpans)
        {
            var resource = new SpanAttributes(resourceSpans.ResourceAttributes);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                foreach (var span in scopeSpans.Spans)
                {
                    var mapped = MapSpan(span, resource, scopeSpans.Scope, now);
                    if (mapped.Trace is not null)
                    {
                        events.Add(mapped.Trace);
                        fullTraces.Add(span.TraceId);
                    }
                    else if (!shallow.TryGetValue(span.TraceId, out var seen) || (mapped.Start, span.SpanId).CompareTo((seen.Start, seen.SpanId)) < 0)
                    {
                        shallow[span.TraceId] = (mapped.Start, span.SpanId, mapped.Environment);
                    }

                    events.Add(mapped.Observation);
                }
            }
        }

        foreach (var (traceId, (start, spanId, environment)) in shallow)
        {
            if (!fullTraces.Contains(traceId))
            {
                var body = new JsonObject { ["id"] = traceId, ["timestamp"] = OtelTime.Format(start), ["environment"] = environment };
                events.Add(Event($"{traceId}-{spanId}-shallow-trace", "trace-create", start, body));
            }
        }

        return events;
    }

    private static MappedSpan MapSpan(OtlpSpan span, SpanAttributes resource, OtlpScope scope, DateTime now)
    {
        var a = new SpanAttributes(span.Attributes);
        var start = OtelTime.FromUnixNano(span.StartTimeUnixNano) ?? OtelTime.FromUnixNano(span.EndTimeUnixNano) ?? now;
        var end = OtelTime.FromUnixNano(span.EndTimeUnixNano) ?? start;
        var type = ObservationTypeRule.Resolve(a);
        var environment = Normalize.Environment(a.FirstString(EnvironmentKeys) ?? resource.FirstString(EnvironmentKeys));
        var release = a.String("langfuse.release") ?? resource.String("langfuse.release");
        var version = a.String("langfuse.version") ?? resource.String("service.version");
        var name = GenAiAttributes.Name(a, span.Name);
        var (input, output) = InputOutputExtractor.Extract(a, span.Events);

        var observation = new JsonObject
        {
            ["id"] = span.SpanId,
            ["traceId"] = span.TraceId,
            ["name"] = name,
            ["startTime"] = OtelTime.Format(start),
            ["endTime"] = OtelTime.Format(end < start ? start : end),
            ["level"] = ObservationLevel.Resolve(a, span.Status),
            ["environment"] = environment,
            ["metadata"] = ObservationMetadata(a, resource, scope),
        };
        Put(observation, "parentObservationId", span.ParentSpanId);
        Put(observation, "statusMessage", ObservationLevel.StatusMessage(a, span.Status));
        Put(observation, "version", version);
        Put(observation, "input", input);
        Put(observation, "output", output);
        if (GenAiAttributes.CompletionStart(a, start) is { } completionStart)
        {
            observation["completionStartTime"] = OtelTime.Format(completionStart);
        }

        if (!GenAiAttributes.IsVercelAgentSpan(a))
        {
            Put(observation, "model", GenAiAttributes.Model(a));
            Put(observation, "modelParameters", GenAiAttributes.ModelParameters(a));
            Put(observation, "usageDetails", GenAiAttributes.Usage(a));
            Put(observation, "costDetails", GenAiAttributes.Cost(a));
        }

        if (type == ObservationTypeRule.Generation && Prompt(a) is { } prompt)
        {
            observation["promptName"] = prompt.Name;
            observation["promptVersion"] = prompt.Version;
        }

        var observationEvent = Event($"{span.TraceId}-{span.SpanId}-observation", type + "-create", start, observation);

        var traceAttributes = TraceAttributes.Read(a);
        var isRoot = span.ParentSpanId is null || a.Bool("langfuse.internal.as_root") == true;
        if (!isRoot && !traceAttributes.Any)
        {
            return new MappedSpan(observationEvent, null, start, environment);
        }

        var trace = new JsonObject
        {
            ["id"] = span.TraceId,
            ["timestamp"] = OtelTime.Format(start),
            ["environment"] = environment,
        };
        // Only a root span speaks for the whole trace; other spans update it with what they state explicitly.
        Put(trace, "name", traceAttributes.Name ?? (isRoot ? name : null));
        Put(trace, "userId", traceAttributes.UserId);
        Put(trace, "sessionId", traceAttributes.SessionId);
        Put(trace, "release", release);
        Put(trace, "version", version);
        Put(trace, "input", traceAttributes.Input ?? (isRoot ? input?.DeepClone() : null));
        Put(trace, "output", traceAttributes.Output ?? (isRoot ? output?.DeepClone() : null));
        if (traceAttributes.Tags is { } tags)
        {
            trace["tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]);
        }

        if (traceAttributes.Public is { } isPublic)
        {
            trace["public"] = isPublic;
        }

        var traceMetadata = new JsonObject();
        MergeInto(traceMetadata, TraceAttributes.TraceMetadata(resource));
        MergeInto(traceMetadata, traceAttributes.Metadata);
        Put(trace, "metadata", traceMetadata.Count > 0 ? traceMetadata : null);

        return new MappedSpan(observationEvent, Event($"{span.TraceId}-{span.SpanId}-trace", "trace-create", start, trace), start, environment);
    }

    /// <summary>
    /// Resource-level trace metadata, then the observation's own metadata, then the raw span attributes (not for
    /// Langfuse's SDKs, whose attributes are all mapped), the resource attributes and the instrumentation scope.
    /// </summary>
    private static JsonObject ObservationMetadata(SpanAttributes a, SpanAttributes resource, OtlpScope scope)
    {
        var metadata = new JsonObject();
        MergeInto(metadata, TraceAttributes.TraceMetadata(resource));
        foreach (var prefix in (string[])["langfuse.metadata", "langfuse.observation.metadata"])
        {
            MergeInto(metadata, OtlpJsonValues.ParseObject(a.Get(prefix)));
            foreach (var (key, value) in a.WithPrefix(prefix + "."))
            {
                metadata[key] = OtlpJsonValues.ToNode(value);
            }
        }

        if (!scope.Name.StartsWith("langfuse-sdk", StringComparison.Ordinal))
        {
            var remaining = a.All.Where(p => !p.Key.StartsWith("langfuse.", StringComparison.Ordinal)).ToList();
            if (remaining.Count > 0)
            {
                metadata["attributes"] = OtlpJsonValues.ToTextObject(remaining);
            }
        }

        var resourceAttributes = resource.All.ToList();
        if (resourceAttributes.Count > 0)
        {
            metadata["resourceAttributes"] = OtlpJsonValues.ToTextObject(resourceAttributes);
        }

        if (scope.Name.Length > 0)
        {
            var scopeNode = new JsonObject { ["name"] = scope.Name };
            Put(scopeNode, "version", scope.Version);
            if (scope.Attributes.Count > 0)
            {
                scopeNode["attributes"] = OtlpJsonValues.ToTextObject(new SpanAttributes(scope.Attributes).All);
            }

            metadata["scope"] = scopeNode;
        }

        return metadata;
    }

    /// <summary>The linked prompt: both name and an integer version, or nothing (the batch API rejects halves).</summary>
    private static (string Name, int Version)? Prompt(SpanAttributes a)
    {
        var name = a.FirstString("langfuse.observation.prompt.name", "langfuse.prompt.name");
        var version = a.Number("langfuse.observation.prompt.version") ?? a.Number("langfuse.prompt.version");
        if (name is null && OtlpJsonValues.ParseObject(a.Get("ai.telemetry.metadata.langfusePrompt")) is { } vercel)
        {
            name = vercel["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : null;
            version = vercel["version"] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
        }

        return name is { Length: > 0 } && version is { } ver && ver == Math.Floor(ver) && ver is >= int.MinValue and <= int.MaxValue
            ? (name, (int)ver)
            : null;
    }

    private static IngestionEvent Event(string id, string typeName, DateTime timestamp, JsonObject body)
    {
        var type = EventType.Find(typeName) ?? throw new InvalidOperationException($"unknown event type {typeName}");
        return new IngestionEvent(id, type, timestamp, OtlpJsonValues.ToElement(body));
    }

    private static void MergeInto(JsonObject target, JsonObject? source)
    {
        if (source is null)
        {
            return;
        }

        foreach (var (key, value) in source)
        {
            target[key] = value?.DeepClone();
        }
    }

    private static void Put(JsonObject target, string key, string? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }

    private static void Put(JsonObject target, string key, JsonNode? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }

    private sealed record MappedSpan(IngestionEvent Observation, IngestionEvent? Trace, DateTime Start, string Environment);
}
