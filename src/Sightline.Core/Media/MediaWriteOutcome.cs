namespace Sightline.Media;

public enum MediaWriteOutcome
{
    /// <summary>The bytes matched the announced length and hash and are durably stored.</summary>
    Stored,
    /// <summary>The body ended before the announced length; nothing was stored.</summary>
    TooShort,
    /// <summary>The body went past the announced length; nothing was stored.</summary>
    TooLong,
    /// <summary>The length matched but the SHA-256 did not; nothing was stored.</summary>
    HashMismatch,
}
