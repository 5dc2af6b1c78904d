using Microsoft.EntityFrameworkCore;
using Sightline.Storage;

namespace Sightline.Datasets;

/// <summary>Project-scoped reads of datasets and item versions shared by the dataset routes.</summary>
internal static class DatasetQueries
{
    public static Task<Dataset?> FindDatasetAsync(SightlineDbContext db, string projectId, string name, CancellationToken ct) =>
        db.Datasets.FirstOrDefaultAsync(d => d.ProjectId == projectId && d.Name == name, ct);

    /// <summary>The current versions of the project's items (deleted items have none).</summary>
    public static IQueryable<DatasetItemVersion> CurrentItems(SightlineDbContext db, string projectId) =>
        db.DatasetItems.Where(i => i.ProjectId == projectId && i.ValidTo == null);

    /// <summary>The versions that were current at <paramref name="at"/>: items as they stood then.</summary>
    public static IQueryable<DatasetItemVersion> ItemsAsOf(SightlineDbContext db, string projectId, DateTime at) =>
        db.DatasetItems.Where(i => i.ProjectId == projectId && i.ValidFrom <= at && (i.ValidTo == null || i.ValidTo > at));

    public static Task<DatasetItemVersion?> FindCurrentItemAsync(SightlineDbContext db, string projectId, string itemId, CancellationToken ct) =>
        CurrentItems(db, projectId).FirstOrDefaultAsync(i => i.Id == itemId, ct);

    /// <summary>Names of the given datasets of the project, by id.</summary>
    public static async Task<Dictionary<string, string>> NamesAsync(SightlineDbContext db, string projectId, IEnumerable<string> datasetIds, CancellationToken ct)
    {
        var ids = datasetIds.Distinct(StringComparer.Ordinal).ToList();
        return await db.Datasets.AsNoTracking()
            .Where(d => d.ProjectId == projectId && ids.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.Name, StringComparer.Ordinal, ct);
    }
}
