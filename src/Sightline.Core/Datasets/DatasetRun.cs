namespace Sightline.Datasets;

/// <summary>
/// A named run (experiment) over a dataset; names are unique per dataset. Its run items (which trace ran which item)
/// live in the analytics store beside the traces they point at.
/// </summary>
public sealed class DatasetRun
{
    public required string Id { get; set; }
    public required string ProjectId { get; set; }
    public required string DatasetId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>JSON text of any value, or null.</summary>
    public string? Metadata { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
