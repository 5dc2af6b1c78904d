namespace Sightline.Server.Hosting;

/// <summary>
/// Gives every response an <c>X-Request-Id</c>: the caller's, when it sent a sane one, else the server's request id
/// (which the framework already puts in every log line's scope), so a client's error can be matched to the log.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    private const string Header = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        string? incoming = context.Request.Headers[Header];
        if (incoming is { Length: > 0 and <= 128 } && incoming.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            context.TraceIdentifier = incoming;
            context.Response.Headers[Header] = incoming;
            using (logger.BeginScope(new Dictionary<string, object> { ["ClientRequestId"] = incoming }))
            {
                await next(context);
            }

            return;
        }

        context.Response.Headers[Header] = context.TraceIdentifier;
        await next(context);
    }
}
