using System.Text.Json;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/api/public/health", () => Results.Text("""{"status":"OK","version":"floor"}""", "application/json"));

// The parse floor for ingestion: read the body, parse it, walk the batch, answer 207. No auth, validation or storage.
app.MapPost("/api/public/ingestion", async (HttpRequest request, CancellationToken ct) =>
{
    using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
    var events = 0;
    if (document.RootElement.TryGetProperty("batch", out var batch) && batch.ValueKind == JsonValueKind.Array)
    {
        foreach (var item in batch.EnumerateArray())
        {
            if (item.TryGetProperty("id", out _) && item.TryGetProperty("body", out _))
            {
                events++;
            }
        }
    }

    return events > 0
        ? Results.Text("""{"successes":[],"errors":[]}""", "application/json", statusCode: StatusCodes.Status207MultiStatus)
        : Results.BadRequest();
});
app.Run();
