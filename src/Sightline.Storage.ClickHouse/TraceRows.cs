using System.Text.Json;
using Sightline.Tracing;

namespace Sightline.Storage.ClickHouse;

/// <summary>Traces to JSONEachRow rows and result rows back to traces, in <see cref="ClickHouseTables.Traces"/> order.</summary>
internal static class TraceRows
{
    public static void Write(Utf8JsonWriter w, TraceRecord t, string version)
    {
        w.WriteStartObject();
        w.WriteString("id", t.Id);
        w.WriteString("project_id", t.ProjectId);
        w.WriteTime("timestamp", t.Timestamp);
        w.WriteNullable("name", t.Name);
        w.WriteNullable("user_id", t.UserId);
        w.WriteMap("metadata", t.Metadata);
        w.WriteNullable("release", t.Release);
        w.WriteNullable("version", t.Version);
        w.WriteBoolean("public", t.Public);
        w.WriteBoolean("bookmarked", t.Bookmarked);
        w.WriteList("tags", t.Tags);
        w.WriteNullable("input", t.Input);
        w.WriteNullable("output", t.Output);
        w.WriteNullable("session_id", t.SessionId);
        w.WriteString("environment", t.Environment);
        w.WriteTime("created_at", t.CreatedAt);
        w.WriteTime("updated_at", t.UpdatedAt);
        w.WriteVersion(version);
        w.WriteEndObject();
    }

    public static TraceRecord Read(ClickHouseRow r) => new()
    {
        Id = r.String(0),
        ProjectId = r.String(1),
        Timestamp = r.Time(2),
        Name = r.NullableString(3),
        UserId = r.NullableString(4),
        Metadata = r.StringMap(5),
        Release = r.NullableString(6),
        Version = r.NullableString(7),
        Public = r.Bool(8),
        Bookmarked = r.Bool(9),
        Tags = r.StringList(10),
        Input = r.NullableString(11),
        Output = r.NullableString(12),
        SessionId = r.NullableString(13),
        Environment = r.String(14),
        CreatedAt = r.Time(15),
        UpdatedAt = r.Time(16),
    };
}
