using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// A stand-in LLM provider on a loopback port. It records every request and answers in the shape the path asks
/// for: OpenAI chat completions (<c>…/chat/completions</c>), Anthropic messages (<c>…/messages</c>) or Gemini
/// (<c>…:generateContent</c>). <see cref="FailNext"/> makes the next answer an error.
/// </summary>
public sealed class FakeLlmProvider : IAsyncDisposable
{
    public const string Answer = "OK from the fake";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private Failure? _failure;

    private FakeLlmProvider(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<FakeLlmProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var provider = new FakeLlmProvider(app);
        app.Run(provider.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.BaseAddress = new Uri(address);
        return provider;
    }

    /// <summary>The next request gets this status and body instead of an answer.</summary>
    public void FailNext(int status, string body) => _failure = new Failure(status, body);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var path = context.Request.Path.Value ?? string.Empty;
        _requests.Enqueue(new RecordedRequest(context.Request.Method, path, context.Request.QueryString.Value ?? string.Empty, headers, body));

        if (Interlocked.Exchange(ref _failure, null) is { } failure)
        {
            context.Response.StatusCode = failure.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(failure.Body);
            return;
        }

        using var request = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
        var model = request.RootElement.TryGetProperty("model", out var m) ? m.GetString() : null;
        string answer;
        if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            answer = JsonSerializer.Serialize(new
            {
                id = "chatcmpl-fake",
                @object = "chat.completion",
                model = model ?? "azure-deployment-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = Answer }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 21, completion_tokens = 4, total_tokens = 25 },
            });
        }
        else if (path.EndsWith("/messages", StringComparison.Ordinal))
        {
            answer = JsonSerializer.Serialize(new
            {
                id = "msg_fake",
                type = "message",
                role = "assistant",
                model,
                content = new[] { new { type = "text", text = Answer } },
                stop_reason = "end_turn",
                usage = new { input_tokens = 17, output_tokens = 5 },
            });
        }
        else if (path.EndsWith(":generateContent", StringComparison.Ordinal))
        {
            answer = JsonSerializer.Serialize(new
            {
                candidates = new[] { new { content = new { role = "model", parts = new[] { new { text = Answer } } }, finishReason = "STOP" } },
                usageMetadata = new { promptTokenCount = 9, candidatesTokenCount = 3, totalTokenCount = 12 },
                modelVersion = "gemini-fake-001",
                responseId = "gemini-response",
            });
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync("""{"error":{"message":"no such route on the fake provider"}}""");
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer);
    }

    private sealed record Failure(int Status, string Body);

    public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public JsonElement Json()
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }
}
