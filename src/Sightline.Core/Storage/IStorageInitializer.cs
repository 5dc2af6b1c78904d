namespace Sightline.Storage;

/// <summary>
/// Brings one storage engine to the schema this build expects (migrations, directories). The host runs every
/// registered initializer before it accepts requests; an initializer must be safe to re-run after a crash at
/// any point of a previous run.
/// </summary>
public interface IStorageInitializer
{
    string Name { get; }

    Task InitializeAsync(CancellationToken ct);
}
