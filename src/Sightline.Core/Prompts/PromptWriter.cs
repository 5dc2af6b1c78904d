using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sightline.Common;
using Sightline.Storage;

namespace Sightline.Prompts;

/// <summary>
/// Creates versions, moves labels and deletes versions of one project's prompts, each in one transaction, and
/// announces every committed change so the resolved-prompt caches drop that project.
/// </summary>
internal sealed class PromptWriter(
    SightlineDbContext db,
    PromptQueries queries,
    IPromptCacheInvalidation invalidation,
    TimeProvider time,
    ILogger<PromptWriter> logger)
{
    public async Task<PromptWriteResult> CreateAsync(string projectId, NewPrompt request, CancellationToken ct)
    {
        var name = request.Name;
        PromptVersion row;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var latest = await db.Prompts.AsNoTracking()
                .Where(p => p.ProjectId == projectId && p.Name == name)
                .OrderByDescending(p => p.Version)
                .FirstOrDefaultAsync(ct);
            if (latest is not null && latest.Type != request.Content.Type)
            {
                return Refused(PromptProblem.Invalid("Previous versions have different prompt type. Create a new prompt with a different name."));
            }

            var now = Now();
            row = new PromptVersion
            {
                Id = Ids.New(time),
                ProjectId = projectId,
                Name = name,
                Version = (latest?.Version ?? 0) + 1,
                Type = request.Content.Type,
                Prompt = request.Content.ToStoredJson(),
                Config = request.Config,
                CommitMessage = request.CommitMessage,
                CreatedBy = "API",
                CreatedAt = now,
                UpdatedAt = now,
            };

            // References must resolve now, as they would on fetch: missing, non-text, cyclic and too deep are refused.
            try
            {
                await PromptResolver.ResolveAsync(
                    new PromptNode(row.Id, name, row.Version, request.Labels, request.Content), (r, c) => queries.FindNodeAsync(projectId, r, c), ct);
            }
            catch (PromptResolutionException e)
            {
                return Refused(PromptProblem.Invalid(e.Message));
            }

            var labels = request.Labels.Append(PromptRules.Latest).Distinct(StringComparer.Ordinal).ToList();
            var touched = await MoveLabelsAsync(projectId, name, labels, ct);

            var previousTags = latest is null ? [] : await queries.TagsAsync(projectId, name, ct);
            var tags = (request.Tags ?? previousTags).Distinct(StringComparer.Ordinal).ToList();
            if (!tags.ToHashSet(StringComparer.Ordinal).SetEquals(previousTags))
            {
                // Tags belong to the name; changing them touches every version, as Langfuse's per-version copies do.
                await db.PromptTags.Where(t => t.ProjectId == projectId && t.PromptName == name).ExecuteDeleteAsync(ct);
                db.PromptTags.AddRange(tags.Select((t, i) => new PromptTag { ProjectId = projectId, PromptName = name, Tag = t, Position = i }));
                touched.UnionWith(await db.Prompts.Where(p => p.ProjectId == projectId && p.Name == name).Select(p => p.Id).ToListAsync(ct));
            }

            await TouchAsync(touched, now, ct);
            db.Prompts.Add(row);
            db.PromptLabels.AddRange(labels.Select((l, i) => new PromptLabel { ProjectId = projectId, PromptName = name, Label = l, PromptId = row.Id, Position = i }));
            db.PromptDependencies.AddRange(PromptReferenceParser.Parse(request.Content.Texts).Select(r => new PromptDependency
            {
                Id = Ids.New(time),
                ProjectId = projectId,
                ParentId = row.Id,
                ChildName = r.Name,
                ChildVersion = r.Version,
                ChildLabel = r.Version is null ? r.Label : null,
            }));

            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException e)
            {
                // A concurrent create took the same version number or label (unique keys); Langfuse answers 400.
                logger.ConcurrentPromptCreate(e, projectId, row.Version);
                return Refused(PromptProblem.Invalid(
                    $"Failed to create prompt '{name}' due to unique constraint failure. This is likely due to too many concurrent prompt creations for this prompt name. Please add a delay."));
            }
        }

        await AnnounceAsync(projectId);
        logger.PromptCreated(projectId, row.Version, row.Type);
        return new PromptWriteResult(await queries.ToVersionDtoAsync(row, ct), null);
    }

    /// <summary>Adds labels to a version (keeping its own) and takes them off every other version of the name.</summary>
    public async Task<PromptWriteResult> AddLabelsAsync(string projectId, string name, int version, IReadOnlyList<string> newLabels, CancellationToken ct)
    {
        PromptVersion? row;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            row = await db.Prompts.FirstOrDefaultAsync(p => p.ProjectId == projectId && p.Name == name && p.Version == version, ct);
            if (row is null)
            {
                return Refused(PromptProblem.NotFound($"Prompt '{name}' version {version} not found in project"));
            }

            var labels = newLabels.Concat(await queries.LabelsAsync(row.Id, ct)).Distinct(StringComparer.Ordinal).ToList();
            var touched = await MoveLabelsAsync(projectId, name, labels, ct);
            touched.Remove(row.Id);
            var now = Now();
            await TouchAsync(touched, now, ct);
            row.UpdatedAt = now;
            db.PromptLabels.AddRange(labels.Select((l, i) => new PromptLabel { ProjectId = projectId, PromptName = name, Label = l, PromptId = row.Id, Position = i }));
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException e)
            {
                logger.ConcurrentLabelUpdate(e, projectId, version);
                return Refused(PromptProblem.Conflict($"The labels of prompt '{name}' were changed concurrently. Please retry."));
            }
        }

        await AnnounceAsync(projectId);
        return new PromptWriteResult(await queries.ToVersionDtoAsync(row, ct), null);
    }

    /// <summary>
    /// Deletes one version, the versions carrying a label, or all versions of a name. Refused while another prompt
    /// references a version that would go or a label no remaining version would carry.
    /// </summary>
    public async Task<PromptProblem?> DeleteAsync(string projectId, string name, int? version, string? label, CancellationToken ct)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var all = await db.Prompts.Where(p => p.ProjectId == projectId && p.Name == name).Select(p => new { p.Id, p.Version }).ToListAsync(ct);
            var labels = await db.PromptLabels.AsNoTracking().Where(l => l.ProjectId == projectId && l.PromptName == name).ToListAsync(ct);
            var doomed = (version is { } v ? all.Where(p => p.Version == v)
                : label is not null ? all.Where(p => labels.Any(l => l.PromptId == p.Id && l.Label == label))
                : all).ToList();
            if (doomed.Count == 0)
            {
                return PromptProblem.NotFound("Prompt not found");
            }

            var doomedIds = doomed.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var doomedVersions = doomed.Select(p => p.Version).ToHashSet();
            var remaining = all.Where(p => !doomedIds.Contains(p.Id)).ToList();
            var remainingLabels = labels.Where(l => !doomedIds.Contains(l.PromptId)).Select(l => l.Label).ToHashSet(StringComparer.Ordinal);
            var dependents = await db.PromptDependencies.AsNoTracking().Where(d => d.ProjectId == projectId && d.ChildName == name).ToListAsync(ct);
            var blocking = dependents
                .Where(d => d.ChildVersion is { } cv ? doomedVersions.Contains(cv) : d.ChildLabel is { Length: > 0 } cl && !remainingLabels.Contains(cl))
                .ToList();
            if (blocking.Count > 0)
            {
                return PromptProblem.Invalid(await DependentsMessageAsync(projectId, name, blocking, ct));
            }

            await db.PromptLabels.Where(l => doomedIds.Contains(l.PromptId)).ExecuteDeleteAsync(ct);
            await db.PromptDependencies.Where(d => doomedIds.Contains(d.ParentId)).ExecuteDeleteAsync(ct);
            await db.Prompts.Where(p => doomedIds.Contains(p.Id)).ExecuteDeleteAsync(ct);
            if (remaining.Count == 0)
            {
                await db.PromptTags.Where(t => t.ProjectId == projectId && t.PromptName == name).ExecuteDeleteAsync(ct);
            }
            else if (!remainingLabels.Contains(PromptRules.Latest))
            {
                // The newest version left takes over "latest", so label=latest keeps answering.
                var newest = remaining.MaxBy(p => p.Version)!;
                var position = labels.Count(l => l.PromptId == newest.Id);
                db.PromptLabels.Add(new PromptLabel { ProjectId = projectId, PromptName = name, Label = PromptRules.Latest, PromptId = newest.Id, Position = position });
                await TouchAsync([newest.Id], Now(), ct);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            logger.PromptVersionsDeleted(projectId, doomed.Count);
        }

        await AnnounceAsync(projectId);
        return null;
    }

    /// <summary>Deletes the given labels from every version of the name; returns the versions that carried one.</summary>
    private async Task<HashSet<string>> MoveLabelsAsync(string projectId, string name, List<string> labels, CancellationToken ct)
    {
        var holders = db.PromptLabels.Where(l => l.ProjectId == projectId && l.PromptName == name && labels.Contains(l.Label));
        var touched = (await holders.Select(l => l.PromptId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        await holders.ExecuteDeleteAsync(ct);
        return touched;
    }

    private async Task TouchAsync(HashSet<string> promptIds, DateTime now, CancellationToken ct)
    {
        if (promptIds.Count > 0)
        {
            var ids = promptIds.ToList();
            await db.Prompts.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, now), ct);
        }
    }

    private async Task<string> DependentsMessageAsync(string projectId, string name, List<PromptDependency> blocking, CancellationToken ct)
    {
        var parentIds = blocking.Select(d => d.ParentId).Distinct().ToList();
        var parents = await db.Prompts.Where(p => p.ProjectId == projectId && parentIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Version })
            .ToDictionaryAsync(p => p.Id, ct);
        var lines = blocking.Select(d =>
        {
            var parent = parents.TryGetValue(d.ParentId, out var p) ? $"{p.Name} v{p.Version}" : d.ParentId;
            var child = d.ChildVersion is { } cv ? $"v{cv}" : d.ChildLabel;
            return $"{parent} depends on {name} {child}";
        });
        return $"Other prompts are depending on prompt versions you are trying to delete:\n\n{string.Join('\n', lines)}\n\nPlease delete the dependent prompts first.";
    }

    // Runs after the commit and is not cancelled with the request: a committed change must always reach the caches.
    private async Task AnnounceAsync(string projectId) => await invalidation.PublishAsync(projectId, CancellationToken.None);

    // Stored at millisecond precision, as returned, so a timestamp read back works as an exact filter bound.
    private DateTime Now()
    {
        var ticks = time.GetUtcNow().UtcTicks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    private static PromptWriteResult Refused(PromptProblem problem) => new(null, problem);
}
