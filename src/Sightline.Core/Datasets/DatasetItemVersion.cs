namespace Sightline.Datasets;

/// <summary>
/// One version of a dataset item. Every create, update and delete of an item closes the version that was current
/// (sets <see cref="ValidTo"/>) and, except for a delete, adds a new one, so the item's state at any past time is
/// the version with <c>ValidFrom &lt;= t &lt; ValidTo</c>. The current version is the one without <see cref="ValidTo"/>.
/// </summary>
public sealed class DatasetItemVersion
{
    /// <summary>Key of this version's row.</summary>
    public required string RowId { get; set; }
    public required string ProjectId { get; set; }
    /// <summary>The item's id, unique per project among current versions (the upsert key of the API).</summary>
    public required string Id { get; set; }
    public required string DatasetId { get; set; }
    /// <summary>ACTIVE or ARCHIVED.</summary>
    public required string Status { get; set; }
    /// <summary>JSON text of the input, expected output and metadata values (any JSON), or null.</summary>
    public string? Input { get; set; }
    public string? ExpectedOutput { get; set; }
    public string? Metadata { get; set; }
    public string? SourceTraceId { get; set; }
    public string? SourceObservationId { get; set; }
    /// <summary>When the item was first created (the same on all its versions since).</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>When this version became current: the item's <c>updatedAt</c>.</summary>
    public DateTime ValidFrom { get; set; }
    /// <summary>When a later version (or the deletion) replaced this one; null while it is current.</summary>
    public DateTime? ValidTo { get; set; }
}
