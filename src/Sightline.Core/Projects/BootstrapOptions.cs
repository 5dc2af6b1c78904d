namespace Sightline.Projects;

/// <summary>The <c>LANGFUSE_INIT_*</c> records, created or brought up to date at every start.</summary>
public sealed record BootstrapOptions
{
    public string? OrganizationId { get; init; }
    public string? OrganizationName { get; init; }
    public string? ProjectId { get; init; }
    public string? ProjectName { get; init; }
    public string? PublicKey { get; init; }
    public string? SecretKey { get; init; }
    public string? UserEmail { get; init; }
    public string? UserName { get; init; }
    public string? UserPassword { get; init; }

    /// <summary>Create a default organization, project and key pair when the store holds no project at all.</summary>
    public bool CreateDefaultProject { get; init; }

    /// <summary>Base URL printed next to generated keys.</summary>
    public string PublicUrl { get; init; } = "http://localhost:3000";
}
