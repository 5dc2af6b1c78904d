using Sightline.Tracing;

namespace Sightline.Scores;

internal static class ScoreMapping
{
    public static ScoreItemDto ToDto(ScoreRecord s, ScoreTraceFields? trace = null) =>
        new(s.Id, s.ProjectId, s.TraceId, s.SessionId, s.ObservationId, s.DatasetRunId, s.Name, s.Source, s.Timestamp, s.CreatedAt, s.UpdatedAt,
            s.AuthorUserId, s.Comment, StoredJson.Metadata(s.Metadata), s.ConfigId, s.QueueId, s.Environment, s.DataType,
            s.DataType == "TEXT" ? null : s.Value ?? 0, s.StringValue,
            trace is null ? null : new ScoreTraceDto(trace.UserId, trace.Tags, trace.Environment, trace.SessionId));

    /// <summary>What the legacy v1 routes show: scores of traces, without corrections.</summary>
    public static bool IsLegacyTraceScore(ScoreRecord s) =>
        s.TraceId is not null && s.SessionId is null && s.DatasetRunId is null && s.DataType != "CORRECTION";
}
