namespace Sightline.Projects;

/// <summary>One named setting of a project (a JSON value), so new settings need no schema change.</summary>
public sealed class ProjectSetting
{
    public required string ProjectId { get; set; }
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTime UpdatedAt { get; set; }
}
