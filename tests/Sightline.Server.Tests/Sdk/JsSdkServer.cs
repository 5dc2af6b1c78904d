using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests.Sdk;

/// <summary>
/// The JavaScript SDK test classes share one server (each test still works in a project of its own): their time goes
/// into node and the SDKs, and a second server start would cost more than the tests it serves.
/// </summary>
[CollectionDefinition(Name)]
public sealed class JsSdkServer : ICollectionFixture<SharedServer>
{
    public const string Name = "JavaScript SDKs";
}
