namespace Sightline.Api;

/// <summary>
/// One validated filter condition of Langfuse's <c>filter</c> JSON (also the metrics API's <c>filters</c>).
/// <c>Type</c> and <c>Operator</c> are Langfuse's (e.g. <c>string</c> with <c>contains</c>, <c>stringOptions</c> with
/// <c>any of</c>); the value sits in the member matching the type. <c>Column</c> is a name the caller's column list
/// accepted, so an engine maps it to SQL by lookup.
/// </summary>
public sealed record FilterCondition
{
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
