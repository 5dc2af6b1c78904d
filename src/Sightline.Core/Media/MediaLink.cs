namespace Sightline.Media;

/// <summary>
/// Where a media object is referenced: a field of a trace or observation, or a field of a dataset item. The id is
/// derived from all the other columns, so recording the same reference twice is a no-op.
/// </summary>
public sealed class MediaLink
{
    public required string Id { get; set; }
    public required string ProjectId { get; set; }
    public required string MediaId { get; set; }
    public string? TraceId { get; set; }
    public string? ObservationId { get; set; }
    public string? DatasetId { get; set; }
    public string? DatasetItemId { get; set; }
    /// <summary><c>input</c>, <c>output</c> or <c>metadata</c> (traces), <c>input</c>, <c>expectedOutput</c> or <c>metadata</c> (dataset items).</summary>
    public required string Field { get; set; }
    public DateTime CreatedAt { get; set; }
}
