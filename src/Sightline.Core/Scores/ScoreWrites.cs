using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sightline.Api;
using Sightline.Auth;
using Sightline.Ingestion;
using Sightline.Storage;

namespace Sightline.Scores;

/// <summary>
/// Score creation and deletion. Both are events in the durable event log, appended before the answer, so the worker
/// applies them in log order: a deletion removes every earlier write of the score (also when the log is replayed
/// after a crash), and a later write creates the score afresh.
/// </summary>
internal static class ScoreWrites
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static async Task<IResult> CreateAsync(
        HttpContext context, CallerProject caller, IEventLog log, SightlineDbContext db, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var (document, bodyProblem) = await JsonBody.ReadAsync(context.Request, MaxBodyBytes, ct);
        if (document is null)
        {
            return ApiErrors.BadRequest(bodyProblem!);
        }

        using (document)
        {
            var body = document.RootElement;
            var problem = body.ValueKind != JsonValueKind.Object
                ? "body: must be a score object {name, value, traceId | sessionId | datasetRunId, ...}"
                : JsonFields.String(body, "source") == "EVAL"
                    ? "source: must be API or ANNOTATION; EVAL is reserved for evaluators"
                    : EventValidator.CheckScore(body);
            if (problem is null && JsonFields.String(body, "configId") is { } configId)
            {
                var config = await db.ScoreConfigs.AsNoTracking().FirstOrDefaultAsync(c => c.Id == configId && c.ProjectId == caller.ProjectId, ct);
                problem = config is null ? $"configId: no score config '{configId}' in this project" : ScoreConfigCheck.Check(body, config);
            }

            if (problem is not null)
            {
                return ApiErrors.BadRequest(problem);
            }

            // As in Langfuse, an empty id counts as none: the server picks one.
            var now = time.GetUtcNow();
            var id = JsonFields.String(body, "id") is { Length: > 0 } given ? given : Guid.CreateVersion7(now).ToString();
            var evt = new IngestionEvent(Guid.CreateVersion7(now).ToString(), EventType.ScoreCreate, now.UtcDateTime, JsonFields.WithId(body, id));
            var record = new IngestionRecord(caller.ProjectId, now.UtcDateTime, [evt]);
            if (await IngestionAppender.AppendAsync(context, log, record, loggers.CreateLogger(typeof(ScoreWrites)), ct) is { } refused)
            {
                return refused;
            }

            return TypedResults.Ok(new ScoreCreatedResponse(id));
        }
    }

    /// <summary>
    /// Like Langfuse, an id that matches nothing (or another project's score) is accepted too: afterwards the caller's
    /// project holds no such score either way. The tombstone goes to the log first; the stored row is then removed at
    /// once so reads stop showing it without waiting for the worker.
    /// </summary>
    public static async Task<IResult> DeleteAsync(
        string scoreId, HttpContext context, CallerProject caller, IEventLog log, IScoreDeletion deletion, TimeProvider time, ILoggerFactory loggers,
        CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(ScoreWrites));
        var now = time.GetUtcNow();
        var tombstone = new IngestionEvent(Guid.CreateVersion7(now).ToString(), EventType.ScoreDelete, now.UtcDateTime, JsonFields.WithId(default, scoreId));
        if (await IngestionAppender.AppendAsync(context, log, new IngestionRecord(caller.ProjectId, now.UtcDateTime, [tombstone]), logger, ct) is { } refused)
        {
            return refused;
        }

        var deleted = await deletion.DeleteScoresAsync(caller.ProjectId, [scoreId], ct);
        logger.ScoreDeleted(deleted, caller.ProjectId);
        return TypedResults.Json(new ScoreDeletionResponse("Score deletion queued successfully"), SightlineJson.Default.ScoreDeletionResponse, statusCode: StatusCodes.Status202Accepted);
    }
}
