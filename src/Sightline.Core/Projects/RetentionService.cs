using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sightline.Health;
using Sightline.Storage;
using Sightline.Tracing;

namespace Sightline.Projects;

/// <summary>
/// Data retention, in the worker: every <see cref="RetentionOptions.Interval"/>, each project with a retention of
/// N days (<c>retention</c> of <c>PUT /api/public/projects/{id}</c>, 0 or unset keeps everything) loses the traces,
/// observations and scores from before N days ago. A pass that fails is logged and tried again at the next
/// interval; running on several workers at once only repeats deletions that are already done.
/// </summary>
internal sealed class RetentionService(
    IDbContextFactory<SightlineDbContext> dbFactory,
    ITraceDeletion deletion,
    RetentionOptions options,
    StartupGate gate,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await gate.WhenOpen.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.Interval, time);
            do
            {
                await ApplyAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass over every project with a retention.</summary>
    internal async Task ApplyAsync(CancellationToken ct)
    {
        List<(string Id, int Days)> projects;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            projects = (await db.Projects.AsNoTracking()
                    .Where(p => p.RetentionDays != null && p.RetentionDays > 0)
                    .Select(p => new { p.Id, Days = p.RetentionDays!.Value })
                    .ToListAsync(ct))
                .Select(p => (p.Id, p.Days)).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.RetentionFailed(ex, "(project list)");
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (projectId, days) in projects)
        {
            try
            {
                var removed = await deletion.DeleteOlderThanAsync(projectId, now.AddDays(-days), ct);
                if (removed.Any)
                {
                    logger.RetentionApplied(projectId, days, removed.Traces, removed.Observations, removed.Scores);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.RetentionFailed(ex, projectId);
            }
        }
    }
}
