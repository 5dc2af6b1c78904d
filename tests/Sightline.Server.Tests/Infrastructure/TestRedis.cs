namespace Sightline.Server.Tests.Infrastructure;

/// <summary>The Redis server the test command starts (<c>eng/test-redis.sh</c>, URL in <c>SIGHTLINE_TEST_REDIS</c>).</summary>
internal static class TestRedis
{
    public static string Url =>
        Environment.GetEnvironmentVariable("SIGHTLINE_TEST_REDIS") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "SIGHTLINE_TEST_REDIS is not set: these tests need the Redis server that ./test.sh starts (eng/test-redis.sh start <dir> prints its URL).");
}
