namespace Sightline.Api;

public enum FilterTarget
{
    /// <summary>A named column of the list or view.</summary>
    Column,

    /// <summary>A key of the metadata map.</summary>
    Metadata,
}
