namespace Sightline.Metrics;

public enum FilterTarget
{
    /// <summary>A dimension of the view, by its name.</summary>
    Dimension,

    /// <summary>The view's time column.</summary>
    Time,

    /// <summary>A key of the view's metadata map.</summary>
    Metadata,
}
