using System.Collections.ObjectModel;
using System.Text.Json;
using Sightline.Scores;
using Sightline.Tracing;

namespace Sightline.Ingestion;

/// <summary>
/// Folds the events of one entity onto its stored row (Langfuse's merge rules): events apply in timestamp order,
/// creates before updates at equal times; a field present in a later event wins, an absent or null one never
/// erases; metadata merges by key; tags are a sorted union; input/output keep the latest non-empty value; ids,
/// start times and environments are fixed by the first write that carries them. The same events on the same row give
/// the same row.
/// </summary>
internal static class EventMerger
{
    /// <summary>The name Langfuse gives every CORRECTION score.</summary>
    public const string CorrectionName = "output";

    public static IEnumerable<IngestionEvent> InOrder(IEnumerable<IngestionEvent> events) =>
        events.OrderBy(e => e.Timestamp).ThenBy(e => e.Type.IsUpdate).ThenBy(e => e.Id, StringComparer.Ordinal);

    /// <summary><see cref="InOrder"/> as a list; most entities of a batch have one event, which needs no sorting.</summary>
    public static IReadOnlyList<IngestionEvent> Ordered(List<IngestionEvent> events) => events.Count == 1 ? events : [.. InOrder(events)];

    public static TraceRecord MergeTrace(string projectId, string id, TraceRecord? stored, IReadOnlyList<IngestionEvent> events, DateTime now)
    {
        var first = events[0];
        var metadata = new Dictionary<string, string>(stored?.Metadata ?? new Dictionary<string, string>());
        var tags = new SortedSet<string>(stored?.Tags ?? [], StringComparer.Ordinal);
        var t = stored ?? new TraceRecord
        {
            ProjectId = projectId,
            Id = id,
            Timestamp = FirstTime(events, "timestamp") ?? first.Timestamp,
            Environment = Normalize.Environment(FirstString(events, "environment")),
            CreatedAt = now,
            UpdatedAt = now,
        };

        foreach (var e in events)
        {
            var b = e.Body;
            t = t with
            {
                Name = JsonFields.String(b, "name") ?? t.Name,
                UserId = JsonFields.String(b, "userId") ?? t.UserId,
                SessionId = JsonFields.String(b, "sessionId") ?? t.SessionId,
                Release = JsonFields.String(b, "release") ?? t.Release,
                Version = JsonFields.String(b, "version") ?? t.Version,
                Public = JsonFields.Bool(b, "public") ?? t.Public,
                Input = LatestValue(b, "input") ?? t.Input,
                Output = LatestValue(b, "output") ?? t.Output,
            };
            MergeCollections(b, metadata, tags);
        }

        return t with { Metadata = metadata, Tags = [.. tags], UpdatedAt = now };
    }

    public static ObservationRecord MergeObservation(string projectId, string id, ObservationRecord? stored, IReadOnlyList<IngestionEvent> events, DateTime now)
    {
        var first = events[0];
        var metadata = stored is null ? [] : new Dictionary<string, string>(stored.Metadata);
        var usage = stored is null ? [] : new Dictionary<string, long>(stored.ProvidedUsageDetails);
        var cost = stored is null ? [] : new Dictionary<string, decimal>(stored.ProvidedCostDetails);
        var firstTraceId = stored is null ? JsonFields.String(first.Body, "traceId") : null;
        // The derived id is a SHA-256, worth computing only when a row may carry it.
        var traceIdDerived = stored is null ? firstTraceId is null : stored.TraceId == DerivedTraceId(projectId, id);
        var o = stored ?? new ObservationRecord
        {
            ProjectId = projectId,
            Id = id,
            TraceId = firstTraceId ?? DerivedTraceId(projectId, id),
            Type = ObservationType(first),
            StartTime = FirstTime(events, "startTime") ?? first.Timestamp,
            Environment = Normalize.Environment(FirstString(events, "environment")),
            CreatedAt = now,
            UpdatedAt = now,
        };

        // The fields accumulate in locals and the row is built once at the end: a record copy per event was a
        // large share of what the merge allocated for a batch of new observations.
        var traceId = o.TraceId;
        var name = o.Name;
        var parentObservationId = o.ParentObservationId;
        var endTime = o.EndTime;
        var completionStartTime = o.CompletionStartTime;
        var level = o.Level;
        var statusMessage = o.StatusMessage;
        var version = o.Version;
        var input = o.Input;
        var output = o.Output;
        var providedModelName = o.ProvidedModelName;
        var modelParameters = o.ModelParameters;
        var promptName = o.PromptName;
        var promptVersion = o.PromptVersion;
        foreach (var e in events)
        {
            var b = e.Body;
            // An observation first seen without a trace id (an update that overtook its create) got a derived
            // one; the first real trace id replaces it. A real trace id never changes.
            if (traceIdDerived && JsonFields.String(b, "traceId") is { } realTraceId)
            {
                traceId = realTraceId;
                traceIdDerived = false;
            }

            name = JsonFields.String(b, "name") ?? name;
            parentObservationId = JsonFields.String(b, "parentObservationId") ?? parentObservationId;
            endTime = JsonFields.Time(b, "endTime") ?? endTime;
            completionStartTime = JsonFields.Time(b, "completionStartTime") ?? completionStartTime;
            level = JsonFields.String(b, "level") ?? level;
            statusMessage = JsonFields.String(b, "statusMessage") ?? statusMessage;
            version = JsonFields.String(b, "version") ?? version;
            input = LatestValue(b, "input") ?? input;
            output = LatestValue(b, "output") ?? output;
            providedModelName = JsonFields.String(b, "model") ?? providedModelName;
            if (JsonFields.TryGet(b, "modelParameters", out var mp) && mp.ValueKind == JsonValueKind.Object)
            {
                modelParameters = mp.GetRawText();
            }

            if (JsonFields.String(b, "promptName") is { } eventPromptName)
            {
                promptName = eventPromptName;
                if (b.TryGetProperty("promptVersion", out var pv) && pv.TryGetInt32(out var v))
                {
                    promptVersion = v;
                }
            }

            if (JsonFields.TryGet(b, "metadata", out var m))
            {
                Normalize.MergeMetadata(metadata, m);
            }

            UsageParser.ApplyUsage(usage, cost, b);
        }

        if (endTime is { } end && end < o.StartTime)
        {
            endTime = o.StartTime;
        }

        // Most observations carry no usage or cost: they share the empty maps instead of four empty dictionaries each.
        IReadOnlyDictionary<string, long> usageDetails = usage.Count == 0 ? ReadOnlyDictionary<string, long>.Empty : Completed(usage);
        IReadOnlyDictionary<string, decimal> costDetails = cost.Count == 0 ? ReadOnlyDictionary<string, decimal>.Empty : Completed(cost);
        return o with
        {
            TraceId = traceId,
            Name = name,
            ParentObservationId = parentObservationId,
            EndTime = endTime,
            CompletionStartTime = completionStartTime,
            Level = level,
            StatusMessage = statusMessage,
            Version = version,
            Input = input,
            Output = output,
            ProvidedModelName = providedModelName,
            ModelParameters = modelParameters,
            PromptName = promptName,
            PromptVersion = promptVersion,
            Metadata = metadata.Count == 0 ? ReadOnlyDictionary<string, string>.Empty : metadata,
            ProvidedUsageDetails = usage.Count == 0 ? ReadOnlyDictionary<string, long>.Empty : usage,
            ProvidedCostDetails = cost.Count == 0 ? ReadOnlyDictionary<string, decimal>.Empty : cost,
            UsageDetails = usageDetails,
            CostDetails = costDetails,
            TotalCost = costDetails.TryGetValue("total", out var total) ? total : null,
            UpdatedAt = now,
        };

        static Dictionary<string, T> Completed<T>(Dictionary<string, T> provided)
            where T : struct, System.Numerics.INumber<T>
        {
            var completed = new Dictionary<string, T>(provided);
            UsageParser.CompleteTotal(completed);
            return completed;
        }
    }

    /// <param name="configs">The configs the events reference, by id; every event with a configId has passed
    /// <see cref="Scores.ScoreConfigCheck"/> against its config, which then decides the name and data type.</param>
    public static ScoreRecord MergeScore(
        string projectId, string id, ScoreRecord? stored, IReadOnlyList<IngestionEvent> events, DateTime now,
        IReadOnlyDictionary<string, ScoreConfig>? configs = null)
    {
        var first = events[0];
        var s = stored ?? new ScoreRecord
        {
            ProjectId = projectId,
            Id = id,
            Name = JsonFields.String(first.Body, "name")!,
            Timestamp = JsonFields.Time(first.Body, "timestamp") ?? first.Timestamp,
            TraceId = JsonFields.String(first.Body, "traceId"),
            Environment = Normalize.Environment(JsonFields.String(first.Body, "environment")),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var metadata = new Dictionary<string, string>(s.Metadata);
        foreach (var e in events)
        {
            var b = e.Body;
            var value = b.GetProperty("value");
            var config = JsonFields.String(b, "configId") is { } configId ? configs?.GetValueOrDefault(configId) : null;
            var dataType = config?.DataType ?? JsonFields.String(b, "dataType") ?? (value.ValueKind == JsonValueKind.String ? "CATEGORICAL" : "NUMERIC");
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            s = s with
            {
                // Langfuse names a score after its config, and every correction "output".
                Name = dataType == "CORRECTION" ? CorrectionName : config?.Name ?? JsonFields.String(b, "name") ?? s.Name,
                ObservationId = JsonFields.String(b, "observationId") ?? s.ObservationId,
                SessionId = JsonFields.String(b, "sessionId") ?? s.SessionId,
                DatasetRunId = JsonFields.String(b, "datasetRunId") ?? s.DatasetRunId,
                DataType = dataType,
                // A category reads as the number its config maps it to (0 without a config), as in Langfuse; text has none.
                Value = dataType switch
                {
                    "TEXT" => null,
                    "CATEGORICAL" => config is not null && text is not null ? ScoreConfigCheck.CategoryValue(config, text) ?? 0 : 0,
                    "CORRECTION" => 0,
                    _ => value.GetDouble(),
                },
                StringValue = dataType switch
                {
                    "BOOLEAN" => value.GetDouble() == 1 ? "True" : "False",
                    "NUMERIC" => null,
                    _ => text,
                },
                Source = JsonFields.String(b, "source") ?? s.Source,
                Comment = JsonFields.String(b, "comment") ?? s.Comment,
                AuthorUserId = JsonFields.String(b, "authorUserId") ?? s.AuthorUserId,
                ConfigId = JsonFields.String(b, "configId") ?? s.ConfigId,
                QueueId = JsonFields.String(b, "queueId") ?? s.QueueId,
            };
            if (JsonFields.TryGet(b, "metadata", out var m))
            {
                Normalize.MergeMetadata(metadata, m);
            }
        }

        return s with { Metadata = metadata, UpdatedAt = now };
    }

    /// <summary>A trace row for observations whose trace was never sent, so the trace can be read.</summary>
    public static TraceRecord ShallowTrace(ObservationRecord observation, DateTime now) => new()
    {
        ProjectId = observation.ProjectId,
        Id = observation.TraceId,
        Timestamp = observation.StartTime,
        Environment = observation.Environment,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>
    /// Stable id for an entity the client sent without one (a score without id, an observation without trace):
    /// derived from what identifies it, so a replayed or retried event lands on the same row.
    /// </summary>
    public static string DerivedId(string projectId, string seed)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(projectId + "\n" + seed));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }

    private static string DerivedTraceId(string projectId, string observationId) => DerivedId(projectId, "trace-of:" + observationId);

    // The fixed fields of a new row come from the earliest event that carries them, not from whichever event sorts
    // first: the JS v3 SDK stamps an event only after its asynchronous media scan, so an update sent right after its
    // create (a generation ended at once) can be stamped earlier while carrying neither startTime nor environment.
    private static DateTime? FirstTime(IReadOnlyList<IngestionEvent> events, string name)
    {
        foreach (var e in events)
        {
            if (JsonFields.Time(e.Body, name) is { } time)
            {
                return time;
            }
        }

        return null;
    }

    private static string? FirstString(IReadOnlyList<IngestionEvent> events, string name)
    {
        foreach (var e in events)
        {
            if (JsonFields.String(e.Body, name) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    private static string ObservationType(IngestionEvent e) =>
        e.Type.ObservationType ?? JsonFields.String(e.Body, "type") ?? "SPAN";

    private static string? LatestValue(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && Normalize.IsTruthy(v) ? v.GetRawText() : null;

    private static void MergeCollections(JsonElement body, Dictionary<string, string> metadata, SortedSet<string> tags)
    {
        if (JsonFields.TryGet(body, "metadata", out var m))
        {
            Normalize.MergeMetadata(metadata, m);
        }

        if (JsonFields.TryGet(body, "tags", out var t) && t.ValueKind == JsonValueKind.Array)
        {
            foreach (var tag in t.EnumerateArray())
            {
                if (tag.GetString() is { Length: > 0 } value)
                {
                    tags.Add(value);
                }
            }
        }
    }
}
