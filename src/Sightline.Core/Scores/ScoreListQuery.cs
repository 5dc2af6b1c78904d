using Sightline.Api;

namespace Sightline.Scores;

/// <summary>
/// <c>GET /api/public/v2/scores</c> and the legacy <c>GET /api/public/scores</c>: every filter given must hold. The
/// time range is <c>fromTimestamp ≤ timestamp &lt; toTimestamp</c>; lists (ids, observation ids, environments) match
/// any of their values; trace tags must all be on the score's trace. <see cref="Conditions"/> name columns of
/// <see cref="ScoreFilterColumns.All"/>.
/// </summary>
public sealed record ScoreListQuery
{
    public required string ProjectId { get; init; }
    public int Page { get; init; } = 1;
    public int Limit { get; init; } = 50;

    /// <summary>
    /// The legacy v1 view: scores of traces only (a trace id, no session or dataset run) and no CORRECTION scores.
    /// </summary>
    public bool TraceScoresOnly { get; init; }

    /// <summary>Fetch the trace fields of the page's scores.</summary>
    public bool IncludeTrace { get; init; }

    public string? UserId { get; init; }
    public IReadOnlyList<string> TraceTags { get; init; } = [];
    public string? Name { get; init; }
    public string? Source { get; init; }
    public DateTime? FromTimestamp { get; init; }
    public DateTime? ToTimestamp { get; init; }

    /// <summary>One of <c>&lt; &gt; &lt;= &gt;= = !=</c>, comparing the numeric value with <see cref="Value"/>.</summary>
    public string? ValueOperator { get; init; }
    public double? Value { get; init; }
    public IReadOnlyList<string> ScoreIds { get; init; } = [];
    public string? ConfigId { get; init; }
    public string? QueueId { get; init; }
    public string? SessionId { get; init; }
    public string? DatasetRunId { get; init; }
    public string? TraceId { get; init; }
    public IReadOnlyList<string> ObservationIds { get; init; } = [];
    public string? DataType { get; init; }
    public IReadOnlyList<string> Environments { get; init; } = [];
    public IReadOnlyList<FilterCondition> Conditions { get; init; } = [];

    public long Offset => (Page - 1L) * Limit;

    /// <summary>Whether the trace must be looked at to decide which scores match.</summary>
    public bool FiltersOnTrace => UserId is not null || TraceTags.Count > 0;
}
