namespace Sightline.Tracing;

/// <summary>Stored rows to the read API's v1 shapes.</summary>
internal static class TraceMapping
{
    public static TraceDto ToDto(TraceRecord t, IReadOnlyList<ObservationRecord> observations, IReadOnlyList<ScoreRecord> scores)
    {
        // Latency spans the observations, first start to last end, in seconds, as Langfuse computes it.
        var latency = 0.0;
        if (observations.Count > 0)
        {
            var start = observations.Min(o => o.StartTime);
            var end = observations.Max(o => o.EndTime ?? o.StartTime);
            latency = (end - start).TotalSeconds;
        }

        return new TraceDto(
            t.Id, t.ProjectId, t.Timestamp, t.Name, StoredJson.Value(t.Input), StoredJson.Value(t.Output), t.SessionId, t.Release, t.Version, t.UserId,
            StoredJson.Metadata(t.Metadata), t.Tags, t.Public, t.Bookmarked, t.Environment, $"/project/{t.ProjectId}/traces/{t.Id}", latency,
            Trim(observations.Sum(o => o.TotalCost ?? 0m)), null, observations.Select(ToDto).ToList(), scores.Select(ToDto).ToList(), t.CreatedAt, t.UpdatedAt);
    }

    public static ObservationDto ToDto(ObservationRecord o)
    {
        var input = o.UsageDetails.GetValueOrDefault("input");
        var output = o.UsageDetails.GetValueOrDefault("output");
        var total = o.UsageDetails.GetValueOrDefault("total");
        return new ObservationDto(
            o.Id, o.ProjectId, o.TraceId, o.ParentObservationId, o.Type, o.Name, o.StartTime, o.EndTime, o.CompletionStartTime, o.ProvidedModelName,
            StoredJson.Value(o.ModelParameters), StoredJson.Value(o.Input), StoredJson.Value(o.Output), StoredJson.Metadata(o.Metadata), o.Version, o.Level,
            o.StatusMessage, o.Environment, o.PromptId, o.PromptName, o.PromptVersion, o.UsageDetails,
            o.CostDetails.ToDictionary(kv => kv.Key, kv => Trim(kv.Value)), o.InternalModelId,
            null, null, null,
            o.CostDetails.TryGetValue("input", out var ci) ? Trim(ci) : null,
            o.CostDetails.TryGetValue("output", out var co) ? Trim(co) : null,
            o.TotalCost is { } totalCost ? Trim(totalCost) : null,
            o.EndTime is { } end ? (end - o.StartTime).TotalSeconds : null,
            o.CompletionStartTime is { } first ? (first - o.StartTime).TotalSeconds : null,
            o.UsagePricingTierId, o.UsagePricingTierName, o.CreatedAt, o.UpdatedAt,
            new UsageDto("TOKENS", input, output, total), "TOKENS", input, output, total);
    }

    /// <summary>Drops the storage scale's trailing zeros (0.003500000000 → 0.0035), as Langfuse's numbers read.</summary>
    private static decimal Trim(decimal value) => value / 1.000000000000000000000000000000000m;

    public static ScoreDto ToDto(ScoreRecord s) =>
        new(s.Id, s.TraceId, s.SessionId, s.ObservationId, s.DatasetRunId, s.Name, s.Source, s.Timestamp, s.CreatedAt, s.UpdatedAt, s.AuthorUserId,
            s.Comment, StoredJson.Metadata(s.Metadata), s.ConfigId, s.QueueId, s.Environment, s.DataType, s.Value, s.StringValue);
}
