namespace Sightline.Media;

/// <summary>What a signed transfer URL allows: one object of one project, with its announced type, size and hash.</summary>
internal sealed record MediaUrlClaims(
    MediaUrlPurpose Purpose,
    string ProjectId,
    string MediaId,
    string ContentType,
    long ContentLength,
    string Sha256Hash,
    DateTimeOffset ExpiresAt);
