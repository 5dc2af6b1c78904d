using Microsoft.EntityFrameworkCore;
using Sightline.Storage;

namespace Sightline.Health;

/// <summary>Reads one row of the metadata store: proves the database is reachable and its schema is in place.</summary>
internal sealed class MetadataHealthProbe(IDbContextFactory<SightlineDbContext> dbFactory) : IHealthProbe
{
    public string Name => "metadata";

    public async Task<string?> CheckAsync(CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            _ = await db.Organizations.AnyAsync(ct);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return "Database not available";
        }
    }
}
