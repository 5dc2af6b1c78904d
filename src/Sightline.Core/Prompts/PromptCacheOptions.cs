namespace Sightline.Prompts;

internal sealed class PromptCacheOptions
{
    /// <summary>Upper bound of the cached response bodies; the least recently used go first when it is reached.</summary>
    public long MaxBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Larger responses are served but not kept, so one huge prompt cannot push out all the others.</summary>
    public int MaxEntryBytes { get; init; } = 512 * 1024;

    /// <summary>
    /// Writes invalidate at once; the lifetime only bounds staleness if an invalidation from another node is lost
    /// (pub/sub delivers at most once). Langfuse's default prompt cache TTL.
    /// </summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(5);
}
