namespace Sightline.Metrics;

/// <summary>What a dimension holds, which decides the filter types it accepts.</summary>
public enum DimensionKind
{
    Text,
    TextList,
    Number,
    Boolean,
}
