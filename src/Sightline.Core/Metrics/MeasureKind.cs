namespace Sightline.Metrics;

public enum MeasureKind
{
    /// <summary>A number per row, aggregated with any numeric aggregation.</summary>
    Number,

    /// <summary>An identifier per row, counted once per distinct value (only <c>count</c> and <c>uniq</c>).</summary>
    Distinct,
}
