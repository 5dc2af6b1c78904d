namespace Sightline.Scores;

/// <summary>
/// The filters of the v3 score list, each already validated. A list filter matches any of its values; an empty list
/// does not filter. <see cref="NumericValues"/>, <see cref="StringValues"/> and the range compare the numeric
/// value (booleans as 1 and 0) or the string value of the single data type the caller named.
/// </summary>
public sealed record ScoreV3Query
{
    public required string ProjectId { get; init; }
    public IReadOnlyList<string> Ids { get; init; } = [];
    public IReadOnlyList<string> Names { get; init; } = [];
    public IReadOnlyList<string> Sources { get; init; } = [];
    public IReadOnlyList<string> DataTypes { get; init; } = [];
    public IReadOnlyList<string> Environments { get; init; } = [];
    public IReadOnlyList<string> ConfigIds { get; init; } = [];
    public IReadOnlyList<string> QueueIds { get; init; } = [];
    public IReadOnlyList<string> AuthorUserIds { get; init; } = [];
    public IReadOnlyList<double> NumericValues { get; init; } = [];
    public IReadOnlyList<string> StringValues { get; init; } = [];
    public double? ValueMin { get; init; }
    public double? ValueMax { get; init; }
    public IReadOnlyList<string> TraceIds { get; init; } = [];
    public IReadOnlyList<string> SessionIds { get; init; } = [];
    public IReadOnlyList<string> ObservationIds { get; init; } = [];
    /// <summary>Dataset run ids (Langfuse's v3 calls a dataset run an experiment).</summary>
    public IReadOnlyList<string> ExperimentIds { get; init; } = [];
    public DateTime? FromTimestamp { get; init; }
    public DateTime? ToTimestamp { get; init; }
}
