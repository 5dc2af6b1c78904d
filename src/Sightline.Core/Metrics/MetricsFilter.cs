namespace Sightline.Metrics;

/// <summary>
/// One validated filter condition. <c>Type</c> and <c>Operator</c> are Langfuse's (e.g. <c>string</c> with
/// <c>contains</c>, <c>stringOptions</c> with <c>any of</c>); the value sits in the member matching the type.
/// </summary>
public sealed record MetricsFilter
{
    /// <summary>The dimension name for <see cref="FilterTarget.Dimension"/>; otherwise informational.</summary>
    public required string Column { get; init; }
    public required FilterTarget Target { get; init; }
    public required string Type { get; init; }
    public required string Operator { get; init; }
    /// <summary>Metadata key of a <c>stringObject</c> filter.</summary>
    public string? Key { get; init; }
    public string? Text { get; init; }
    public IReadOnlyList<string> Texts { get; init; } = [];
    public double? Number { get; init; }
    public bool? Flag { get; init; }
    public DateTime? Time { get; init; }
}
