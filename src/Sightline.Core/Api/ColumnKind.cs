namespace Sightline.Api;

/// <summary>What a filterable (or groupable) column holds, which decides the filter types it accepts.</summary>
public enum ColumnKind
{
    Text,
    TextList,
    Number,
    Boolean,
    Time,
}
