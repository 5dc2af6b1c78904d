using System.Text.Json;
using Sightline.Tracing;

namespace Sightline.Storage.ClickHouse;

/// <summary>Scores to JSONEachRow rows and back, in <see cref="ClickHouseTables.Scores"/> order.</summary>
internal static class ScoreRows
{
    public static void Write(Utf8JsonWriter w, ScoreRecord s, string version)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("project_id", s.ProjectId);
        w.WriteTime("timestamp", s.Timestamp);
        w.WriteString("name", s.Name);
        w.WriteNullable("trace_id", s.TraceId);
        w.WriteNullable("observation_id", s.ObservationId);
        w.WriteNullable("session_id", s.SessionId);
        w.WriteNullable("dataset_run_id", s.DatasetRunId);
        if (s.Value is { } value && double.IsFinite(value))
        {
            w.WriteNumber("value", value);
        }
        else
        {
            w.WriteNull("value");
        }

        w.WriteNullable("string_value", s.StringValue);
        w.WriteString("source", s.Source);
        w.WriteString("data_type", s.DataType);
        w.WriteNullable("comment", s.Comment);
        w.WriteMap("metadata", s.Metadata);
        w.WriteNullable("author_user_id", s.AuthorUserId);
        w.WriteNullable("config_id", s.ConfigId);
        w.WriteNullable("queue_id", s.QueueId);
        w.WriteString("environment", s.Environment);
        w.WriteTime("created_at", s.CreatedAt);
        w.WriteTime("updated_at", s.UpdatedAt);
        w.WriteVersion(version);
        w.WriteEndObject();
    }

    public static ScoreRecord Read(ClickHouseRow r) => new()
    {
        Id = r.String(0),
        ProjectId = r.String(1),
        Timestamp = r.Time(2),
        Name = r.String(3),
        TraceId = r.NullableString(4),
        ObservationId = r.NullableString(5),
        SessionId = r.NullableString(6),
        DatasetRunId = r.NullableString(7),
        Value = r.NullableDouble(8),
        StringValue = r.NullableString(9),
        Source = r.String(10),
        DataType = r.String(11),
        Comment = r.NullableString(12),
        Metadata = r.StringMap(13),
        AuthorUserId = r.NullableString(14),
        ConfigId = r.NullableString(15),
        QueueId = r.NullableString(16),
        Environment = r.String(17),
        CreatedAt = r.Time(18),
        UpdatedAt = r.Time(19),
    };
}
