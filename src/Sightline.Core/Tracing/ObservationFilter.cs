using Sightline.Api;

namespace Sightline.Tracing;

/// <summary>
/// Filters of the observation lists; each one given must hold. <c>UserId</c> and <c>SessionId</c> are those of the
/// observation's trace. The time range is <c>fromStartTime ≤ startTime &lt; toStartTime</c>.
/// </summary>
public sealed record ObservationFilter
{
    public string? Type { get; init; }
    public string? Name { get; init; }
    public string? UserId { get; init; }
    public string? SessionId { get; init; }
    public string? TraceId { get; init; }
    public string? ParentObservationId { get; init; }
    public string? Level { get; init; }
    public string? Version { get; init; }
    public IReadOnlyList<string> Environments { get; init; } = [];
    public DateTime? FromStartTime { get; init; }
    public DateTime? ToStartTime { get; init; }
    /// <summary>Conditions on columns of <see cref="FilterColumns.Observations"/> (the <c>filter</c> parameter).</summary>
    public IReadOnlyList<FilterCondition> Conditions { get; init; } = [];
    /// <summary>True: only observations without a parent; false: only those with one.</summary>
    public bool? IsRoot { get; init; }
}
