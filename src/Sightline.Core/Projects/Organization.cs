namespace Sightline.Projects;

public sealed class Organization
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Free-form JSON object, stored as text.</summary>
    public string? Metadata { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<Project> Projects { get; set; } = [];
}
