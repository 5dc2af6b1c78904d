namespace Sightline.Auth;

public enum AccessLevel
{
    /// <summary>Basic auth with a project key pair.</summary>
    Project,
    /// <summary>Basic auth with an organization-scoped key pair.</summary>
    Organization,
    /// <summary>Bearer with a project's public key only (browser SDK): scores and score ingestion.</summary>
    Scores,
    /// <summary>Bearer <c>ADMIN_API_KEY</c>.</summary>
    Admin,
}
