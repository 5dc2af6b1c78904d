namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// The server of <see cref="MediaApiTests"/>: as <see cref="SharedServer"/>, except that in the scale run media stay in
/// the data directory, behind the server's own upload endpoint, which those tests exercise (signed tokens, checksum and
/// length checks); the metadata (media rows and links) is in PostgreSQL. S3 media in the scale run are covered by
/// <see cref="Sdk.JsSdkMediaTests"/> and <see cref="S3MediaTests"/>.
/// </summary>
public sealed class MediaApiServer : IAsyncLifetime
{
    public SightlineProcess Server { get; private set; } = null!;

    /// <summary>The scale profile's stores in the scale run; null in the embedded run.</summary>
    public ScaleStores? Stores { get; private set; }

    public async Task InitializeAsync() =>
        (Server, Stores) = await SharedServer.StartAsync(new Dictionary<string, string> { ["ADMIN_API_KEY"] = SharedServer.AdminKey }, mediaBucket: false);

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Stores is not null)
        {
            await Stores.DisposeAsync();
        }
    }
}
