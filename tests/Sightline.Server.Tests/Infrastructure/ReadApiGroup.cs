namespace Sightline.Server.Tests.Infrastructure;

/// <summary>The read API test classes share one server and dataset (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class ReadApiGroup : ICollectionFixture<ReadApiServer>
{
    public const string Name = "read api";
}
