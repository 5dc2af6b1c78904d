using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Sightline.Api;

namespace Sightline.Tracing;

/// <summary>
/// One v2 observation with only the requested groups' fields. Unlike v1, input, output and model parameters are the
/// raw stored strings, and metadata values longer than 200 characters are cut unless their key is expanded.
/// </summary>
internal static class ObservationV2Json
{
    private const int MetadataValueLimit = 200;

    public static JsonElement Write(ObservationWithTrace row, ObservationV2Fields fields, IReadOnlySet<string> expandMetadata)
    {
        var o = row.Observation;
        var t = row.Trace;
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", o.Id);
            w.WriteString("traceId", o.TraceId);
            Time(w, "startTime", o.StartTime);
            Time(w, "endTime", o.EndTime);
            w.WriteString("projectId", o.ProjectId);
            w.WriteString("parentObservationId", o.ParentObservationId);
            w.WriteString("type", o.Type);
            if (Has(fields, ObservationV2Fields.Basic))
            {
                w.WriteString("name", o.Name);
                w.WriteString("level", o.Level);
                w.WriteString("statusMessage", o.StatusMessage);
                w.WriteString("version", o.Version);
                w.WriteString("environment", o.Environment);
                w.WriteBoolean("bookmarked", t?.Bookmarked ?? false);
                w.WriteBoolean("public", t?.Public ?? false);
                w.WriteString("userId", t?.UserId);
                w.WriteString("sessionId", t?.SessionId);
                w.WriteBoolean("isRootObservation", o.ParentObservationId is null);
            }

            if (Has(fields, ObservationV2Fields.Time))
            {
                Time(w, "completionStartTime", o.CompletionStartTime);
                Time(w, "createdAt", o.CreatedAt);
                Time(w, "updatedAt", o.UpdatedAt);
            }

            if (Has(fields, ObservationV2Fields.Io))
            {
                w.WriteString("input", o.Input);
                w.WriteString("output", o.Output);
            }

            if (Has(fields, ObservationV2Fields.Metadata))
            {
                w.WriteStartObject("metadata");
                foreach (var (key, value) in o.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    w.WriteString(key, value.Length > MetadataValueLimit && !expandMetadata.Contains(key) ? value[..MetadataValueLimit] : value);
                }

                w.WriteEndObject();
            }

            if (Has(fields, ObservationV2Fields.Model))
            {
                w.WriteString("providedModelName", o.ProvidedModelName);
                w.WriteString("internalModelId", o.InternalModelId);
                w.WriteString("modelParameters", o.ModelParameters);
            }

            if (Has(fields, ObservationV2Fields.Usage))
            {
                w.WriteStartObject("usageDetails");
                foreach (var (key, value) in o.UsageDetails)
                {
                    w.WriteNumber(key, value);
                }

                w.WriteEndObject();
                w.WriteStartObject("costDetails");
                foreach (var (key, value) in o.CostDetails)
                {
                    w.WriteNumber(key, ApiNumbers.Trim(value));
                }

                w.WriteEndObject();
                if (o.TotalCost is { } totalCost)
                {
                    w.WriteNumber("totalCost", ApiNumbers.Trim(totalCost));
                }
                else
                {
                    w.WriteNull("totalCost");
                }

                w.WriteString("usagePricingTierName", o.UsagePricingTierName);
            }

            if (Has(fields, ObservationV2Fields.Prompt))
            {
                w.WriteString("promptId", o.PromptId);
                w.WriteString("promptName", o.PromptName);
                Number(w, "promptVersion", o.PromptVersion);
            }

            if (Has(fields, ObservationV2Fields.Metrics))
            {
                Number(w, "latency", o.EndTime is { } end ? (end - o.StartTime).TotalSeconds : null);
                Number(w, "timeToFirstToken", o.CompletionStartTime is { } first ? (first - o.StartTime).TotalSeconds : null);
            }

            if (Has(fields, ObservationV2Fields.TraceContext))
            {
                w.WriteString("traceName", t?.Name);
                w.WriteStartArray("tags");
                foreach (var tag in t?.Tags ?? [])
                {
                    w.WriteStringValue(tag);
                }

                w.WriteEndArray();
                w.WriteString("release", t?.Release);
            }

            // Always present in Langfuse's v2 rows; prices need the model table and stay null here.
            w.WriteString("modelId", Has(fields, ObservationV2Fields.Model) ? o.InternalModelId : null);
            w.WriteNull("inputPrice");
            w.WriteNull("outputPrice");
            w.WriteNull("totalPrice");
            w.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static bool Has(ObservationV2Fields fields, ObservationV2Fields group) => (fields & group) != 0;

    private static void Time(Utf8JsonWriter w, string name, DateTime? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, v.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
