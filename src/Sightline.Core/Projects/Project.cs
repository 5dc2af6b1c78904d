namespace Sightline.Projects;

public sealed class Project
{
    public required string Id { get; set; }
    public required string OrganizationId { get; set; }
    public required string Name { get; set; }
    /// <summary>Free-form JSON object, stored as text.</summary>
    public string? Metadata { get; set; }
    /// <summary>Days after which traces, observations and scores are deleted; null keeps them forever.</summary>
    public int? RetentionDays { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public Organization? Organization { get; set; }
    public List<ProjectSetting> Settings { get; set; } = [];
}
