using Microsoft.EntityFrameworkCore;
using Sightline.Common;
using Sightline.Storage;

namespace Sightline.Prompts;

/// <summary>Reads prompts of one project from the metadata store.</summary>
internal sealed class PromptQueries(SightlineDbContext db)
{
    /// <summary>The version with that number, or else the version carrying that label.</summary>
    public Task<PromptVersion?> FindAsync(string projectId, string name, int? version, string? label, CancellationToken ct)
    {
        if (version is { } number)
        {
            return db.Prompts.AsNoTracking().FirstOrDefaultAsync(p => p.ProjectId == projectId && p.Name == name && p.Version == number, ct);
        }

        return db.PromptLabels
            .Where(l => l.ProjectId == projectId && l.PromptName == name && l.Label == label)
            .Join(db.Prompts, l => l.PromptId, p => p.Id, (_, p) => p)
            .AsNoTracking()
            .FirstOrDefaultAsync(ct);
    }

    public Task<List<string>> LabelsAsync(string promptId, CancellationToken ct) =>
        db.PromptLabels.Where(l => l.PromptId == promptId).OrderBy(l => l.Position).ThenBy(l => l.Label).Select(l => l.Label).ToListAsync(ct);

    public Task<List<string>> TagsAsync(string projectId, string name, CancellationToken ct) =>
        db.PromptTags.Where(t => t.ProjectId == projectId && t.PromptName == name).OrderBy(t => t.Position).ThenBy(t => t.Tag).Select(t => t.Tag).ToListAsync(ct);

    /// <summary>What a prompt reference points at, in the form the resolver walks.</summary>
    public async ValueTask<PromptNode?> FindNodeAsync(string projectId, PromptReference reference, CancellationToken ct)
    {
        var row = await FindAsync(projectId, reference.Name, reference.Version, reference.Label, ct);
        return row is null ? null : new PromptNode(row.Id, row.Name, row.Version, await LabelsAsync(row.Id, ct), PromptContent.FromStored(row.Type, row.Prompt));
    }

    /// <summary>A prompt as <c>GET /v2/prompts/{name}</c> returns it, references resolved unless told otherwise.</summary>
    /// <exception cref="PromptResolutionException">A reference cannot be resolved.</exception>
    public async Task<PromptDto?> GetAsync(string projectId, string name, int? version, string? label, bool resolve, CancellationToken ct)
    {
        var row = await FindAsync(projectId, name, version, label, ct);
        if (row is null)
        {
            return null;
        }

        var labels = await LabelsAsync(row.Id, ct);
        var tags = await TagsAsync(projectId, name, ct);
        var content = PromptContent.FromStored(row.Type, row.Prompt);
        PromptGraphDto? graph = null;
        if (resolve)
        {
            var resolved = await PromptResolver.ResolveAsync(
                new PromptNode(row.Id, row.Name, row.Version, labels, content), (r, c) => FindNodeAsync(projectId, r, c), ct);
            content = resolved.Content;
            graph = resolved.Graph;
        }

        return new PromptDto(
            row.Id, row.CreatedAt, row.UpdatedAt, row.ProjectId, row.CreatedBy, row.Name, row.Version, row.Type,
            content.ToElement(), JsonText.ToElement(row.Config), labels, tags, row.CommitMessage, graph,
            labels.Contains(PromptRules.Production, StringComparer.Ordinal));
    }

    public async Task<PromptVersionDto> ToVersionDtoAsync(PromptVersion row, CancellationToken ct) => new(
        row.Id, row.CreatedAt, row.UpdatedAt, row.ProjectId, row.CreatedBy, row.Name, row.Version, row.Type,
        PromptContent.FromStored(row.Type, row.Prompt).ToElement(), JsonText.ToElement(row.Config),
        await LabelsAsync(row.Id, ct), await TagsAsync(row.ProjectId, row.Name, ct), row.CommitMessage);

    /// <summary>
    /// Prompt names whose versions match the filters, sorted by name and paged; each lists its matching versions,
    /// the union of their labels, and the type and config of the newest of them.
    /// </summary>
    public async Task<PromptListResponse> ListAsync(string projectId, PromptListQuery query, CancellationToken ct)
    {
        var versions = db.Prompts.AsNoTracking().Where(p => p.ProjectId == projectId);
        if (query.Name is { } name)
        {
            versions = versions.Where(p => p.Name == name);
        }

        if (query.Version is { } version)
        {
            versions = versions.Where(p => p.Version == version);
        }

        if (query.Label is { } label)
        {
            versions = versions.Where(p => db.PromptLabels.Any(l => l.PromptId == p.Id && l.Label == label));
        }

        if (query.Tag is { } tag)
        {
            versions = versions.Where(p => db.PromptTags.Any(t => t.ProjectId == projectId && t.PromptName == p.Name && t.Tag == tag));
        }

        if (query.FromUpdatedAt is { } from)
        {
            versions = versions.Where(p => p.UpdatedAt >= from);
        }

        if (query.ToUpdatedAt is { } to)
        {
            versions = versions.Where(p => p.UpdatedAt < to);
        }

        var names = versions.Select(p => p.Name).Distinct();
        var totalItems = await names.CountAsync(ct);
        var pageNames = await names.OrderBy(n => n)
            .Skip((int)Math.Min(int.MaxValue, (query.Page - 1L) * query.Limit))
            .Take(query.Limit)
            .ToListAsync(ct);

        var rows = await versions.Where(p => pageNames.Contains(p.Name))
            .Select(p => new { p.Id, p.Name, p.Version, p.Type, p.UpdatedAt })
            .ToListAsync(ct);
        var newestIds = rows.GroupBy(r => r.Name).Select(g => g.MaxBy(r => r.Version)!.Id).ToList();
        var configs = await db.Prompts.Where(p => newestIds.Contains(p.Id)).Select(p => new { p.Id, p.Config }).ToDictionaryAsync(p => p.Id, p => p.Config, ct);
        var labels = await db.PromptLabels.Where(l => l.ProjectId == projectId && pageNames.Contains(l.PromptName))
            .Select(l => new { l.PromptId, l.Label })
            .ToListAsync(ct);
        var tags = await db.PromptTags.Where(t => t.ProjectId == projectId && pageNames.Contains(t.PromptName))
            .OrderBy(t => t.Position)
            .Select(t => new { t.PromptName, t.Tag })
            .ToListAsync(ct);

        var labelsByPrompt = labels.ToLookup(l => l.PromptId, l => l.Label);
        var tagsByName = tags.ToLookup(t => t.PromptName, t => t.Tag);
        var order = pageNames.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        var data = rows.GroupBy(r => r.Name)
            .OrderBy(g => order[g.Key])
            .Select(g =>
            {
                var newest = g.MaxBy(r => r.Version)!;
                return new PromptMetaDto(
                    g.Key,
                    newest.Type,
                    g.Select(r => r.Version).Order().ToList(),
                    g.SelectMany(r => labelsByPrompt[r.Id]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                    tagsByName[g.Key].ToList(),
                    g.Max(r => r.UpdatedAt),
                    JsonText.ToElement(configs.GetValueOrDefault(newest.Id)));
            })
            .ToList();

        var meta = new PromptPageMeta(query.Page, query.Limit, totalItems, (int)Math.Ceiling(totalItems / (double)query.Limit));
        return new PromptListResponse(data, meta, meta);
    }
}
