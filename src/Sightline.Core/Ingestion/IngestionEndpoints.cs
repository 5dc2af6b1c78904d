using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Sightline.Api;
using Sightline.Auth;
using Sightline.Common;

namespace Sightline.Ingestion;

/// <summary><c>POST /api/public/ingestion</c>: Langfuse's batch API.</summary>
public static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestion(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/public/ingestion", IngestAsync)
            .WithTags("Ingestion")
            .RequireAuthorization(Policies.ProjectOrPublicKey)
            .Accepts<JsonElement>("application/json")
            .Produces<IngestionResponse>(StatusCodes.Status207MultiStatus)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Batch of trace, observation and score events. Each valid event is stored even when others fail; the 207 lists both.");
        return app;
    }

    private static async Task<IResult> IngestAsync(
        HttpContext context, CallerProject caller, IEventLog log, IngestionOptions options, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(IngestionEndpoints));
        using var body = await ReadBodyAsync(context.Request, options.MaxBodyBytes, ct);
        if (body is null)
        {
            return TypedResults.Json(
                new ApiError($"Request body exceeds the limit of {options.MaxBodyBytes} bytes ({options.MaxBodyBytes / 1048576.0:0.#} MiB); send smaller batches.", "PayloadTooLargeError"),
                SightlineJson.Default.ApiError, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        JsonDocument document;
        try
        {
            // The document reads from the pooled body buffer, which outlives it (both are disposed on return).
            document = JsonDocument.Parse(body.WrittenMemory);
        }
        catch (JsonException ex)
        {
            return ApiErrors.BadRequest($"Invalid JSON in request body: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("batch", out var batch) || batch.ValueKind != JsonValueKind.Array)
            {
                return ApiErrors.BadRequest("Invalid request data: batch: required, an array of events");
            }

            var successes = new List<IngestionSuccess>();
            var errors = new List<IngestionError>();
            var accepted = new List<IngestionEvent>();
            foreach (var item in batch.EnumerateArray())
            {
                var (evt, reportId, error) = EventValidator.Validate(item);
                if (evt is null)
                {
                    errors.Add(new IngestionError(reportId, StatusCodes.Status400BadRequest, "Invalid request data", error));
                    continue;
                }

                if (caller.Access == AccessLevel.Scores && evt.Type.Kind is not (EntityKind.Score or EntityKind.SdkLog))
                {
                    errors.Add(new IngestionError(evt.Id, StatusCodes.Status401Unauthorized, "Access Scope Denied", "Only score-create and sdk-log events may be sent with a public key alone"));
                    continue;
                }

                if (evt.Type.Kind == EntityKind.SdkLog)
                {
                    logger.SdkLog(caller.ProjectId, evt.Body.TryGetProperty("log", out var sdkLog) ? sdkLog.GetRawText() : "{}");
                    continue;
                }

                accepted.Add(evt);
                successes.Add(new IngestionSuccess(evt.Id, StatusCodes.Status201Created));
            }

            if (accepted.Count > 0)
            {
                var record = new IngestionRecord(caller.ProjectId, time.GetUtcNow().UtcDateTime, accepted);
                if (await IngestionAppender.AppendAsync(context, log, record, logger, ct) is { } refused)
                {
                    return refused;
                }
            }

            if (errors.Count > 0)
            {
                logger.BatchPartlyRejected(errors.Count, errors.Count + successes.Count, caller.ProjectId);
            }

            return TypedResults.Json(new IngestionResponse(successes, errors), SightlineJson.Default.IngestionResponse, statusCode: StatusCodes.Status207MultiStatus);
        }
    }

    /// <summary>
    /// Reads the body into a pooled buffer up to the limit; null when it is larger (the declared length is checked
    /// first). The caller disposes the buffer.
    /// </summary>
    private static async Task<PooledBufferWriter?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = new PooledBufferWriter((int)Math.Min(request.ContentLength ?? 16 * 1024, limit) + 1);
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(16 * 1024);
                var read = await request.Body.ReadAsync(memory, ct);
                if (read == 0)
                {
                    return buffer;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    buffer.Dispose();
                    return null;
                }
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }
}
