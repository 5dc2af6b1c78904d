using DuckDB.NET.Data;
using Sightline.Tracing;
using static Sightline.Storage.DuckDb.DuckDbValues;

namespace Sightline.Storage.DuckDb;

/// <summary>Scores to staging rows and back, in <see cref="AnalyticsTables.Scores"/> order.</summary>
internal static class ScoreRows
{
    public static void Append(DuckDBAppender appender, ScoreRecord s) =>
        appender.CreateRow()
            .AppendValue(s.Id)
            .AppendValue(s.ProjectId)
            .AppendValue(ToStored(s.Timestamp))
            .AppendValue(s.Name)
            .AppendNullable(s.TraceId)
            .AppendNullable(s.ObservationId)
            .AppendNullable(s.SessionId)
            .AppendNullable(s.DatasetRunId)
            .AppendValue(s.Value)
            .AppendNullable(s.StringValue)
            .AppendValue(s.Source)
            .AppendValue(s.DataType)
            .AppendNullable(s.Comment)
            .AppendMap(s.Metadata)
            .AppendNullable(s.AuthorUserId)
            .AppendNullable(s.ConfigId)
            .AppendNullable(s.QueueId)
            .AppendValue(s.Environment)
            .AppendValue(ToStored(s.CreatedAt))
            .AppendValue(ToStored(s.UpdatedAt))
            .EndRow();

    public static ScoreRecord Read(DuckDBDataReader r) => new()
    {
        Id = r.GetString(0),
        ProjectId = r.GetString(1),
        Timestamp = ReadTime(r, 2),
        Name = r.GetString(3),
        TraceId = ReadNullableString(r, 4),
        ObservationId = ReadNullableString(r, 5),
        SessionId = ReadNullableString(r, 6),
        DatasetRunId = ReadNullableString(r, 7),
        Value = r.IsDBNull(8) ? null : r.GetDouble(8),
        StringValue = ReadNullableString(r, 9),
        Source = r.GetString(10),
        DataType = r.GetString(11),
        Comment = ReadNullableString(r, 12),
        Metadata = ReadMap<string>(r, 13),
        AuthorUserId = ReadNullableString(r, 14),
        ConfigId = ReadNullableString(r, 15),
        QueueId = ReadNullableString(r, 16),
        Environment = r.GetString(17),
        CreatedAt = ReadTime(r, 18),
        UpdatedAt = ReadTime(r, 19),
    };
}
