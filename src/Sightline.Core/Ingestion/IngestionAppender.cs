using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sightline.Api;
using Sightline.Common;

namespace Sightline.Ingestion;

/// <summary>
/// The last step of every write endpoint (batch and OTel): append the accepted events to the event log as one record,
/// or answer 503 with Retry-After when the log is full, so the client retries and nothing is acknowledged unstored.
/// </summary>
internal static class IngestionAppender
{
    public const int RetryAfterSeconds = 5;

    /// <summary>Null once the record is durable; otherwise the response to return.</summary>
    public static async Task<IResult?> AppendAsync(HttpContext context, IEventLog log, IngestionRecord record, ILogger logger, CancellationToken ct)
    {
        try
        {
            using var encoded = new PooledBufferWriter(64 * 1024);
            record.EncodeTo(encoded);
            await log.AppendAsync(encoded.WrittenMemory, ct);
            return null;
        }
        catch (EventLogFullException ex)
        {
            logger.IngestionRefused(record.ProjectId, ex.Message);
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return ApiErrors.Unavailable("Ingestion is temporarily over capacity; nothing from this request was stored. Retry later.");
        }
    }
}
