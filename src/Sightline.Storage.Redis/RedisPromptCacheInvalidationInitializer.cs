namespace Sightline.Storage.Redis;

internal sealed class RedisPromptCacheInvalidationInitializer(RedisPromptCacheInvalidation invalidation) : IStorageInitializer
{
    public string Name => "Redis prompt cache invalidation";

    public Task InitializeAsync(CancellationToken ct) => invalidation.StartAsync();
}
