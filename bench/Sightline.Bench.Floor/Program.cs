using System.Text;
using System.Text.Json;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/api/public/health", () => Results.Text("""{"status":"OK","version":"floor"}""", "application/json"));

// The floor for a prompt fetch: route, then write a constant body about the size of the benchmark's chat prompts.
// No auth, lookup or serialisation.
var prompt = Encoding.UTF8.GetBytes("""
    {"id":"6f1c2d8e-4b7a-4e55-9a0c-3d2f1e0b9a71","createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z","projectId":"bench-project","createdBy":"API","name":"support/answer-ticket","version":1,"type":"chat","prompt":[{"role":"system","content":"You answer customer tickets for {{company}}. Use only the knowledge-base articles given below and cite each one you use as [KB-<id>]. If the articles do not answer the question, say so and offer to hand the ticket to a person. Keep answers under 150 words, put steps in a numbered list, and end with one question that checks whether the problem is solved.\n\nArticles:\n{{articles}}"},{"type":"placeholder","name":"history"},{"role":"user","content":"Ticket {{ticket_id}} from {{customer_name}} (plan: {{plan}}):\n{{question}}"}],"config":{"model":"gpt-4o-mini","temperature":0.2,"max_tokens":600,"top_p":1,"response_format":{"type":"text"},"stop":["\n\nTicket"],"retrieval":{"index":"kb-articles","top_k":4}},"labels":["production"],"tags":["support","tickets"],"commitMessage":"First version of the ticket answerer","resolutionGraph":null,"isActive":true}
    """);
app.MapGet("/api/public/v2/prompts/{name}", (string name) => Results.Bytes(prompt, "application/json; charset=utf-8"));

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
