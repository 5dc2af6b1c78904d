namespace Sightline.Media;

/// <summary>A stored (or to-be-stored) media object: its key in the store and what the client announced for it.</summary>
public sealed record MediaObject(string Key, string ContentType, long ContentLength, string Sha256Hash);
