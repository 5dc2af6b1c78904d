using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Sightline.Common;
using Sightline.LlmConnections.Chat;

namespace Sightline.LlmConnections;

/// <summary>
/// The connection test action: one short chat request through the stored connection. The answer, or the provider's
/// error with every secret of the connection replaced by <c>***</c>, goes back to the caller.
/// </summary>
internal sealed class LlmConnectionTester(LlmChatClientFactory factory, LlmConnectionSecrets secrets, TimeProvider time, ILogger<LlmConnectionTester> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const string Prompt = "Reply with the single word OK.";

    /// <summary>The model a test uses when the caller names none and the connection lists no custom model.</summary>
    public static string? DefaultModel(string adapter) => adapter switch
    {
        LlmAdapters.OpenAi => "gpt-4o-mini",
        LlmAdapters.Anthropic => "claude-3-5-haiku-latest",
        LlmAdapters.GoogleAiStudio => "gemini-2.0-flash",
        _ => null,
    };

    public async Task<LlmConnectionTestResponse> TestAsync(LlmConnection connection, string? requestedModel, CancellationToken ct)
    {
        var model = requestedModel ?? (LlmConnectionMapping.Names(connection.CustomModels) is [var first, ..] ? first : DefaultModel(connection.Adapter));
        if (!LlmChatClientFactory.CanCall(connection.Adapter))
        {
            return Report(connection, model ?? string.Empty, Failure(LlmChatClientFactory.Unsupported(connection.Adapter)), 0);
        }

        if (model is null)
        {
            return Report(connection, string.Empty, Failure("no model to test: the azure adapter calls a deployment; list it in customModels or send {\"model\": \"<deployment>\"}"), 0);
        }

        IChatClient client;
        try
        {
            client = factory.Create(connection);
        }
        catch (NotSupportedException ex)
        {
            return Report(connection, model, Failure(ex.Message), 0);
        }
        catch (SecretDecryptionException ex)
        {
            logger.SecretsUnreadable(connection.ProjectId, connection.Id, ex.Message);
            return Report(connection, model, Failure(ex.Message + "; save the connection again with its key"), 0);
        }

        var started = time.GetTimestamp();
        using (client)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            timeout.CancelAfter(Timeout);
            try
            {
                var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, Prompt)], new ChatOptions { ModelId = model, MaxOutputTokens = 16 }, timeout.Token);
                var usage = response.Usage is { } u ? new LlmConnectionTestUsage(u.InputTokenCount, u.OutputTokenCount, u.TotalTokenCount) : null;
                return Report(connection, response.ModelId ?? model, new LlmConnectionTestResponse(true, model, response.Text, usage, null, 200, 0), Elapsed(started));
            }
            catch (LlmProviderException ex)
            {
                return Report(connection, model, Failure(Redact(connection, ex.Message), ex.StatusCode), Elapsed(started));
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return Report(connection, model, Failure($"the provider did not answer within {Timeout.TotalSeconds:0} s"), Elapsed(started));
            }
        }

        static LlmConnectionTestResponse Failure(string error, int? status = null) => new(false, string.Empty, null, null, error, status, 0);
    }

    private LlmConnectionTestResponse Report(LlmConnection connection, string model, LlmConnectionTestResponse outcome, long latencyMs)
    {
        logger.ConnectionTested(connection.ProjectId, connection.Id, connection.Adapter, model, outcome.Success, outcome.ProviderStatus, latencyMs);
        return outcome with { Model = model, LatencyMs = latencyMs };
    }

    private long Elapsed(long started) => (long)time.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>
    /// Providers echo parts of a rejected key ("Incorrect API key provided: sk-abc…"); none of it goes back. Every
    /// 8-character run of the key or a header value found in the text is hidden, and hidden runs merge into one <c>***</c>.
    /// </summary>
    private string Redact(LlmConnection connection, string text)
    {
        const int Run = 8;
        var hidden = new bool[text.Length];
        var values = new List<string> { secrets.OpenKey(connection) };
        values.AddRange(secrets.OpenHeaders(connection).Values);
        foreach (var value in values.Where(v => v.Length >= 4))
        {
            var width = Math.Min(Run, value.Length);
            for (var start = 0; start + width <= value.Length; start++)
            {
                var piece = value.AsSpan(start, width);
                for (var at = text.AsSpan().IndexOf(piece, StringComparison.Ordinal); at >= 0;)
                {
                    Array.Fill(hidden, true, at, width);
                    var next = text.AsSpan(at + 1).IndexOf(piece, StringComparison.Ordinal);
                    at = next < 0 ? -1 : at + 1 + next;
                }
            }
        }

        var redacted = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!hidden[i])
            {
                redacted.Append(text[i]);
            }
            else if (i == 0 || !hidden[i - 1])
            {
                redacted.Append("***");
            }
        }

        return redacted.ToString();
    }
}
