using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Sightline.Tracing;

namespace Sightline.Scores;

/// <summary>
/// One v3 score: the core fields with a polymorphic <c>value</c> (a number for NUMERIC, a boolean for BOOLEAN, the
/// string or null for CATEGORICAL, TEXT and CORRECTION) and the requested groups as nested objects.
/// </summary>
internal static class ScoreV3Json
{
    public static JsonElement Write(ScoreRecord s, ScoreV3Fields fields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", s.Id);
            w.WriteString("projectId", s.ProjectId);
            w.WriteString("name", s.Name);
            w.WriteString("dataType", s.DataType);
            w.WritePropertyName("value");
            switch (s.DataType)
            {
                case "NUMERIC":
                    w.WriteNumberValue(s.Value ?? 0);
                    break;
                case "BOOLEAN":
                    w.WriteBooleanValue(s.Value is { } v && v != 0);
                    break;
                default:
                    w.WriteStringValue(s.StringValue);
                    break;
            }

            w.WriteString("source", s.Source);
            Time(w, "timestamp", s.Timestamp);
            w.WriteString("environment", s.Environment);
            Time(w, "createdAt", s.CreatedAt);
            Time(w, "updatedAt", s.UpdatedAt);
            if ((fields & ScoreV3Fields.Details) != 0)
            {
                w.WriteStartObject("details");
                w.WriteString("comment", s.Comment);
                w.WriteString("configId", s.ConfigId);
                w.WritePropertyName("metadata");
                StoredJson.Metadata(s.Metadata).WriteTo(w);
                w.WriteEndObject();
            }

            if ((fields & ScoreV3Fields.Subject) != 0)
            {
                WriteSubject(w, s);
            }

            if ((fields & ScoreV3Fields.Annotation) != 0)
            {
                w.WriteStartObject("annotation");
                w.WriteString("authorUserId", s.AuthorUserId);
                w.WriteString("queueId", s.QueueId);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    // The most specific thing the score names: an observation (with its trace), a trace, a session, a dataset run.
    private static void WriteSubject(Utf8JsonWriter w, ScoreRecord s)
    {
        var (kind, id) = s switch
        {
            { ObservationId: { } observation } => ("observation", observation),
            { TraceId: { } trace } => ("trace", trace),
            { SessionId: { } session } => ("session", session),
            { DatasetRunId: { } run } => ("experiment", run),
            _ => (null, null),
        };
        if (kind is null)
        {
            w.WriteNull("subject");
            return;
        }

        w.WriteStartObject("subject");
        w.WriteString("kind", kind);
        w.WriteString("id", id);
        if (kind == "observation" && s.TraceId is not null)
        {
            w.WriteString("traceId", s.TraceId);
        }

        w.WriteEndObject();
    }

    private static void Time(Utf8JsonWriter w, string name, DateTime value) =>
        w.WriteString(name, value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
