namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// Which storage profile the shared test servers run on. The test command runs this project twice: once as is (the
/// embedded profile) and once with <c>SIGHTLINE_TEST_PROFILE=scale</c>, where <see cref="SharedServer"/> and
/// <see cref="ReadApiServer"/> run one <c>--role all</c> process on fresh PostgreSQL and ClickHouse databases, a
/// Redis key prefix and S3 buckets of their own (<see cref="ScaleStores"/>).
/// </summary>
public static class TestProfile
{
    /// <summary>The trait that keeps a test out of one of the two runs; the test command filters on it.</summary>
    public const string Trait = "Profile";

    /// <summary>
    /// Classes that start servers of their own with a fixed configuration (embedded, scale or split), which the
    /// profile variable does not change: they run once, in the embedded run, since a second run would repeat them unchanged.
    /// </summary>
    public const string OwnServers = "OwnServers";

    /// <summary>Run in the scale run only: fault tests on the scale profile's engines.</summary>
    public const string ScaleRunOnly = "ScaleRunOnly";

    public static bool IsScale { get; } =
        Environment.GetEnvironmentVariable("SIGHTLINE_TEST_PROFILE") switch
        {
            null or "" or "embedded" => false,
            "scale" => true,
            var other => throw new InvalidOperationException($"SIGHTLINE_TEST_PROFILE is '{other}': use 'embedded' (the default) or 'scale'."),
        };
}
