namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// One running server shared by a test class. Tests never share rows: each creates its own organization,
/// project and keys through the admin API (<see cref="Tenant"/>). In the scale run (<see cref="TestProfile"/>) the
/// server runs on stores of its own on the scale profile's engines.
/// </summary>
public sealed class SharedServer : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const string InitPublicKey = "pk-lf-shared-init";
    public const string InitSecretKey = "sk-lf-shared-init-secret";

    public SightlineProcess Server { get; private set; } = null!;

    /// <summary>The scale profile's stores in the scale run; null in the embedded run.</summary>
    public ScaleStores? Stores { get; private set; }

    public async Task InitializeAsync()
    {
        (Server, Stores) = await StartAsync(new Dictionary<string, string>
        {
            ["ADMIN_API_KEY"] = AdminKey,
            ["LANGFUSE_INIT_ORG_ID"] = "shared-org",
            ["LANGFUSE_INIT_PROJECT_ID"] = "shared-project",
            ["LANGFUSE_INIT_PROJECT_NAME"] = "Shared",
            ["LANGFUSE_INIT_PROJECT_PUBLIC_KEY"] = InitPublicKey,
            ["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = InitSecretKey,
        });
    }

    /// <summary>Starts a server on the profile of this run: as is, or with fresh scale-profile stores.</summary>
    /// <param name="mediaBucket">In the scale run, false keeps media in the data directory instead of an S3 bucket.</param>
    public static async Task<(SightlineProcess Server, ScaleStores? Stores)> StartAsync(IReadOnlyDictionary<string, string> environment, bool mediaBucket = true)
    {
        if (!TestProfile.IsScale)
        {
            return (await SightlineProcess.StartAsync(environment), null);
        }

        var stores = await ScaleStores.CreateAsync(mediaBucket: mediaBucket);
        try
        {
            return (await SightlineProcess.StartAsync(stores.With(environment), null, "--role", "all"), stores);
        }
        catch
        {
            await stores.DisposeAsync();
            throw;
        }
    }

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
