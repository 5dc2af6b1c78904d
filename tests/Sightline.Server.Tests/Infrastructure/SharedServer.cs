namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// One running server shared by a test class. Tests never share rows: each creates its own organization,
/// project and keys through the admin API (<see cref="Tenant"/>).
/// </summary>
public sealed class SharedServer : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const string InitPublicKey = "pk-lf-shared-init";
    public const string InitSecretKey = "sk-lf-shared-init-secret";

    public SightlineProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SightlineProcess.StartAsync(new Dictionary<string, string>
    {
        ["ADMIN_API_KEY"] = AdminKey,
        ["LANGFUSE_INIT_ORG_ID"] = "shared-org",
        ["LANGFUSE_INIT_PROJECT_ID"] = "shared-project",
        ["LANGFUSE_INIT_PROJECT_NAME"] = "Shared",
        ["LANGFUSE_INIT_PROJECT_PUBLIC_KEY"] = InitPublicKey,
        ["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = InitSecretKey,
    });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
