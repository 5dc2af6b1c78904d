using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Sightline.LlmConnections.Chat;

/// <summary>Option handling the provider clients share.</summary>
internal static class ChatRequests
{
    public static string Model(ChatOptions? options) =>
        options?.ModelId is { Length: > 0 } model ? model : throw new ArgumentException("ChatOptions.ModelId: required (the model or deployment to call)", nameof(options));

    public static void WriteSampling(Utf8JsonWriter w, ChatOptions? options, string temperature, string topP, string stop)
    {
        if (options?.Temperature is { } t)
        {
            w.WriteNumber(temperature, t);
        }

        if (options?.TopP is { } p)
        {
            w.WriteNumber(topP, p);
        }

        if (options?.StopSequences is { Count: > 0 } sequences)
        {
            w.WriteStartArray(stop);
            foreach (var sequence in sequences)
            {
                w.WriteStringValue(sequence);
            }

            w.WriteEndArray();
        }
    }

    /// <summary>The usage block, with the total derived when the provider leaves it out; null when none was reported.</summary>
    public static UsageDetails? Usage(long? input, long? output, long? total) =>
        input is null && output is null && total is null
            ? null
            : new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = total ?? (input ?? 0) + (output ?? 0) };

    /// <summary>System messages joined in order; providers that take one system text get it from here.</summary>
    public static string? SystemText(IEnumerable<ChatMessage> messages)
    {
        var parts = messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text).Where(t => t.Length > 0).ToList();
        return parts.Count == 0 ? null : string.Join("\n\n", parts);
    }
}
