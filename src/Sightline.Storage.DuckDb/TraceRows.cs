using DuckDB.NET.Data;
using Sightline.Tracing;
using static Sightline.Storage.DuckDb.DuckDbValues;

namespace Sightline.Storage.DuckDb;

/// <summary>Traces to staging rows and stored rows back to traces, in <see cref="AnalyticsTables.Traces"/> order.</summary>
internal static class TraceRows
{
    public static void Append(DuckDBAppender appender, TraceRecord t) =>
        appender.CreateRow()
            .AppendValue(t.Id)
            .AppendValue(t.ProjectId)
            .AppendValue(ToStored(t.Timestamp))
            .AppendNullable(t.Name)
            .AppendNullable(t.UserId)
            .AppendMap(t.Metadata)
            .AppendNullable(t.Release)
            .AppendNullable(t.Version)
            .AppendValue(t.Public)
            .AppendValue(t.Bookmarked)
            .AppendValue(t.Tags ?? [])
            .AppendNullable(t.Input)
            .AppendNullable(t.Output)
            .AppendNullable(t.SessionId)
            .AppendValue(t.Environment)
            .AppendValue(ToStored(t.CreatedAt))
            .AppendValue(ToStored(t.UpdatedAt))
            .EndRow();

    public static TraceRecord Read(DuckDBDataReader r) => new()
    {
        Id = r.GetString(0),
        ProjectId = r.GetString(1),
        Timestamp = ReadTime(r, 2),
        Name = ReadNullableString(r, 3),
        UserId = ReadNullableString(r, 4),
        Metadata = ReadMap<string>(r, 5),
        Release = ReadNullableString(r, 6),
        Version = ReadNullableString(r, 7),
        Public = r.GetBoolean(8),
        Bookmarked = r.GetBoolean(9),
        Tags = r.IsDBNull(10) ? [] : r.GetFieldValue<List<string>>(10),
        Input = ReadNullableString(r, 11),
        Output = ReadNullableString(r, 12),
        SessionId = ReadNullableString(r, 13),
        Environment = r.GetString(14),
        CreatedAt = ReadTime(r, 15),
        UpdatedAt = ReadTime(r, 16),
    };
}
