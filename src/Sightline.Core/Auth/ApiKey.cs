namespace Sightline.Auth;

/// <summary>
/// An API key pair. The secret is never stored: only its keyed hash (for lookup) and a display hint.
/// </summary>
public sealed class ApiKey
{
    public required string Id { get; set; }
    public required string PublicKey { get; set; }
    /// <summary>Salted SHA-256 of the secret key (see <see cref="ApiKeyHasher"/>), lower-case hex.</summary>
    public required string SecretKeyHash { get; set; }
    /// <summary>What the UI shows, e.g. <c>sk-lf-...1a2b</c>.</summary>
    public required string DisplaySecretKey { get; set; }
    public string? Note { get; set; }
    public ApiKeyScope Scope { get; set; }
    public required string OrganizationId { get; set; }
    /// <summary>Set for project-scoped keys only.</summary>
    public string? ProjectId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
