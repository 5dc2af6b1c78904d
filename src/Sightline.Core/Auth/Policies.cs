using Microsoft.AspNetCore.Authorization;

namespace Sightline.Auth;

public static class Policies
{
    /// <summary>Basic auth with a project key pair.</summary>
    public const string ProjectKey = "ProjectKey";
    /// <summary>A project key pair, or a project public key alone as Bearer (score writes).</summary>
    public const string ProjectOrPublicKey = "ProjectOrPublicKey";
    /// <summary>Basic auth with an organization-scoped key pair.</summary>
    public const string OrganizationKey = "OrganizationKey";
    /// <summary>Basic auth with a project key pair, refused in the words of Langfuse's prompt routes.</summary>
    public const string PromptKey = "PromptKey";
    /// <summary>Bearer <c>ADMIN_API_KEY</c>.</summary>
    public const string AdminKey = "AdminKey";

    internal static void Add(AuthorizationOptions options)
    {
        Add(options, ProjectKey, AccessLevel.Project);
        Add(options, ProjectOrPublicKey, AccessLevel.Project, AccessLevel.Scores);
        Add(options, OrganizationKey, AccessLevel.Organization);
        Add(options, AdminKey, AccessLevel.Admin);
        Add(options, PromptKey, new AccessRequirement([AccessLevel.Project], "Access denied - need to use basic auth with secret key to {0} prompts"));
    }

    private static void Add(AuthorizationOptions options, string name, params AccessLevel[] levels) =>
        Add(options, name, new AccessRequirement(levels));

    private static void Add(AuthorizationOptions options, string name, AccessRequirement requirement) =>
        options.AddPolicy(name, p => p
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(requirement));
}
