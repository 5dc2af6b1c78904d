using System.Text.Json;
using Sightline.Api;

namespace Sightline.Tracing;

/// <summary>Stored rows to the read API's v1 shapes.</summary>
internal static class TraceMapping
{
    private static readonly JsonElement EmptyObject = StoredJson.Metadata(new Dictionary<string, string>());

    public static TraceDto ToDto(TraceRecord t, IReadOnlyList<ObservationRecord> observations, IReadOnlyList<ScoreRecord> scores, TraceFields fields = TraceFields.All)
    {
        var io = (fields & TraceFields.Io) != 0;
        var metrics = (fields & TraceFields.Metrics) != 0;
        // Latency spans the observations, first start to last end, in seconds, as Langfuse computes it.
        var latency = 0.0;
        if (observations.Count > 0)
        {
            var start = observations.Min(o => o.StartTime);
            var end = observations.Max(o => o.EndTime ?? o.StartTime);
            latency = (end - start).TotalSeconds;
        }

        return new TraceDto(
            t.Id, t.ProjectId, t.Timestamp, t.Name, io ? StoredJson.Value(t.Input) : null, io ? StoredJson.Value(t.Output) : null, t.SessionId, t.Release,
            t.Version, t.UserId, io ? StoredJson.Metadata(t.Metadata) : EmptyObject, t.Tags, t.Public, t.Bookmarked, t.Environment, HtmlPath(t),
            metrics ? latency : -1, metrics ? ApiNumbers.Trim(observations.Sum(o => o.TotalCost ?? 0m)) : -1, null,
            (fields & TraceFields.Observations) != 0 ? observations.Select(ToDto).ToList() : [],
            (fields & TraceFields.Scores) != 0 ? scores.Select(ToDto).ToList() : [],
            t.CreatedAt, t.UpdatedAt);
    }

    /// <summary>A list item; groups the query left out read as empty lists, -1 metrics and empty input/output/metadata.</summary>
    public static TraceListItemDto ToDto(TraceListItem item, TraceFields fields)
    {
        var t = item.Trace;
        var io = (fields & TraceFields.Io) != 0;
        var metrics = (fields & TraceFields.Metrics) != 0;
        return new TraceListItemDto(
            t.Id, t.ProjectId, t.Timestamp, t.Name, io ? StoredJson.Value(t.Input) : null, io ? StoredJson.Value(t.Output) : null, t.SessionId, t.Release,
            t.Version, t.UserId, io ? StoredJson.Metadata(t.Metadata) : EmptyObject, t.Tags, t.Public, t.Bookmarked, t.Environment, HtmlPath(t),
            metrics ? item.Latency : -1, metrics ? ApiNumbers.Trim(item.TotalCost) : -1, null,
            (fields & TraceFields.Observations) != 0 ? item.ObservationIds : [],
            (fields & TraceFields.Scores) != 0 ? item.ScoreIds : [],
            t.CreatedAt, t.UpdatedAt);
    }

    /// <summary>A trace as sessions list it: the stored fields only.</summary>
    public static SessionTraceDto ToSessionTrace(TraceRecord t) =>
        new(t.Id, null, t.Timestamp, t.Name, t.UserId, StoredJson.Metadata(t.Metadata), t.Release, t.Version, t.ProjectId, t.Environment, t.Public,
            t.Bookmarked, t.Tags, StoredJson.Value(t.Input), StoredJson.Value(t.Output), t.SessionId, t.CreatedAt, t.UpdatedAt);

    private static string HtmlPath(TraceRecord t) => $"/project/{t.ProjectId}/traces/{t.Id}";

    public static ObservationDto ToDto(ObservationRecord o)
    {
        var input = o.UsageDetails.GetValueOrDefault("input");
        var output = o.UsageDetails.GetValueOrDefault("output");
        var total = o.UsageDetails.GetValueOrDefault("total");
        return new ObservationDto(
            o.Id, o.ProjectId, o.TraceId, o.ParentObservationId, o.Type, o.Name, o.StartTime, o.EndTime, o.CompletionStartTime, o.ProvidedModelName,
            StoredJson.Value(o.ModelParameters), StoredJson.Value(o.Input), StoredJson.Value(o.Output), StoredJson.Metadata(o.Metadata), o.Version, o.Level,
            o.StatusMessage, o.Environment, o.PromptId, o.PromptName, o.PromptVersion, o.UsageDetails,
            o.CostDetails.ToDictionary(kv => kv.Key, kv => ApiNumbers.Trim(kv.Value)), o.InternalModelId,
            null, null, null,
            o.CostDetails.TryGetValue("input", out var ci) ? ApiNumbers.Trim(ci) : null,
            o.CostDetails.TryGetValue("output", out var co) ? ApiNumbers.Trim(co) : null,
            o.TotalCost is { } totalCost ? ApiNumbers.Trim(totalCost) : null,
            o.EndTime is { } end ? (end - o.StartTime).TotalSeconds : null,
            o.CompletionStartTime is { } first ? (first - o.StartTime).TotalSeconds : null,
            o.UsagePricingTierId, o.UsagePricingTierName, o.CreatedAt, o.UpdatedAt,
            new UsageDto("TOKENS", input, output, total), "TOKENS", input, output, total);
    }

    public static ScoreDto ToDto(ScoreRecord s) =>
        new(s.Id, s.TraceId, s.SessionId, s.ObservationId, s.DatasetRunId, s.Name, s.Source, s.Timestamp, s.CreatedAt, s.UpdatedAt, s.AuthorUserId,
            s.Comment, StoredJson.Metadata(s.Metadata), s.ConfigId, s.QueueId, s.Environment, s.DataType, s.Value, s.StringValue);
}
