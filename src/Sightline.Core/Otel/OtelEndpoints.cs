using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Sightline.Api;
using Sightline.Auth;
using Sightline.Ingestion;

namespace Sightline.Otel;

/// <summary>
/// <c>POST /api/public/otel/v1/traces</c>: OTLP/HTTP trace export, the main write path of the v3+ SDKs. Spans are
/// mapped to batch-ingestion events and appended to the event log as one record, like a batch.
/// </summary>
public static class OtelEndpoints
{
    /// <summary>
    /// Langfuse sets no size cap on exports; Sightline allows four times the batch limit (18 MiB by default) for the
    /// body and, when gzipped, for its decompressed form, so one request cannot take unbounded memory.
    /// </summary>
    public const int BodyLimitFactor = 4;

    private const int MaxIngestionVersion = 4;

    public static IEndpointRouteBuilder MapOtel(this IEndpointRouteBuilder app)
    {
        // No Accepts(...) metadata: routing would answer a wrong content type with 415, and Langfuse's contract is 400.
        var group = app.MapGroup("/api/public/otel/v1").WithTags("OpenTelemetry").RequireAuthorization(Policies.ProjectKey);
        group.MapPost("/traces", ExportTracesAsync)
            .Produces<OtelExportResponse>()
            .Produces<OtelError>(StatusCodes.Status400BadRequest)
            .Produces<OtelError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("OTLP/HTTP trace export (application/x-protobuf or application/json, optionally gzip).");
        group.MapPost("/metrics", Metrics)
            .Produces<OtelMessageResponse>()
            .WithSummary("Accepts OTLP metrics and discards them.");
        return app;
    }

    internal static async Task<IResult> ExportTracesAsync(
        HttpContext context, CallerProject caller, IEventLog log, IngestionOptions options, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(OtelEndpoints));
        var request = context.Request;
        var contentType = request.ContentType ?? "";
        bool protobuf;
        if (contentType.Contains("application/x-protobuf", StringComparison.OrdinalIgnoreCase))
        {
            protobuf = true;
        }
        else if (contentType.Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            protobuf = false;
        }
        else
        {
            return Error(StatusCodes.Status400BadRequest, "Invalid content type");
        }

        var version = request.Headers["x-langfuse-ingestion-version"].ToString();
        if (version.Length > 0 && !(double.TryParse(version, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v <= MaxIngestionVersion))
        {
            return Error(StatusCodes.Status400BadRequest, $"Invalid x-langfuse-ingestion-version header: expected a number up to {MaxIngestionVersion}");
        }

        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || encoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return Error(StatusCodes.Status400BadRequest, $"Unsupported content encoding '{encoding}'; send gzip or no encoding");
        }

        var limit = (int)Math.Min(int.MaxValue, (long)options.MaxBodyBytes * BodyLimitFactor);
        ReadOnlyMemory<byte>? body;
        try
        {
            body = await OtelRequestBody.ReadAsync(request, gzip, limit, ct);
        }
        catch (InvalidDataException)
        {
            return Error(StatusCodes.Status400BadRequest, "Invalid gzip body");
        }

        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"Request body exceeds the limit of {limit} bytes; export smaller batches.");
        }

        OtlpTraceExport export;
        try
        {
            export = protobuf ? OtlpProtobufReader.Read(body.Value.Span) : OtlpJsonReader.Read(body.Value);
        }
        catch (OtlpDecodeException ex)
        {
            logger.ExportRejected(caller.ProjectId, ex.Message);
            return Error(
                StatusCodes.Status400BadRequest,
                ex.Error == OtlpDecodeError.InvalidExport
                    ? "Invalid OTLP trace export: " + ex.Message
                    : protobuf ? "Failed to parse OTel Protobuf Trace" : "Failed to parse OTel JSON Trace");
        }

        var events = new OtelSpanMapper(time).Map(export);
        if (events.Count > 0)
        {
            var record = new IngestionRecord(caller.ProjectId, time.GetUtcNow().UtcDateTime, events);
            if (await IngestionAppender.AppendAsync(context, log, record, logger, ct) is { } refused)
            {
                return refused;
            }
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.ExportAccepted(export.AllSpans.Count(), events.Count, caller.ProjectId);
        }

        return TypedResults.Json(new OtelExportResponse(), SightlineJson.Default.OtelExportResponse);
    }

    internal static IResult Metrics() => TypedResults.Json(new OtelMessageResponse("OK"), SightlineJson.Default.OtelMessageResponse);

    private static JsonHttpResult<OtelError> Error(int status, string message) =>
        TypedResults.Json(new OtelError(message), SightlineJson.Default.OtelError, statusCode: status);
}
