namespace Sightline.Auth;

public sealed record AuthenticatedKey(
    string KeyId,
    string PublicKey,
    ApiKeyScope Scope,
    string OrganizationId,
    string? ProjectId,
    DateTime? ExpiresAt);
