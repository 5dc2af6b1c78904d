namespace Sightline.Auth;

/// <summary>A project-level role that overrides the user's organization role for one project.</summary>
public sealed class ProjectMembership
{
    public required string ProjectId { get; set; }
    public required string UserId { get; set; }
    public required string OrganizationMembershipId { get; set; }
    public Role Role { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public User? User { get; set; }
}
