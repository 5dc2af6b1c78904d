namespace Sightline.Datasets;

/// <summary>A named collection of items a project runs experiments over; names are unique per project.</summary>
public sealed class Dataset
{
    public required string Id { get; set; }
    public required string ProjectId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>JSON text of any value, or null.</summary>
    public string? Metadata { get; set; }
    /// <summary>JSON Schema (as JSON text) every item's input must satisfy, or null for none.</summary>
    public string? InputSchema { get; set; }
    /// <summary>JSON Schema (as JSON text) every item's expected output must satisfy, or null for none.</summary>
    public string? ExpectedOutputSchema { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
