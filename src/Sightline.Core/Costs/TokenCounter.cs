using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.ML.Tokenizers;

namespace Sightline.Costs;

/// <summary>
/// Counts tokens of an observation's input and output when the SDK sent no usage, for models with the
/// <c>openai</c> tokenizer (tiktoken encodings o200k_base and cl100k_base). Chat message arrays are counted the way
/// OpenAI documents it: a fixed overhead per message and per name, plus three tokens priming the reply.
/// Claude's tokenizer has no .NET implementation, so such models get no counts.
/// </summary>
internal sealed class TokenCounter(ILogger<TokenCounter> logger)
{
    private readonly ConcurrentDictionary<string, Tokenizer?> _tokenizers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>{input, output, total}</c> for what was sent, or null when nothing can be counted.</summary>
    public Dictionary<string, long>? Count(PricedModel model, string? input, string? output)
    {
        if (model.TokenizerId != "openai")
        {
            return null;
        }

        var config = TokenizerConfig.From(model);
        if (GetTokenizer(config.TokenizerModel) is not { } tokenizer)
        {
            return null;
        }

        var usage = new Dictionary<string, long>(StringComparer.Ordinal);
        if (CountJson(tokenizer, config, input) is { } inputTokens)
        {
            usage["input"] = inputTokens;
        }

        if (CountJson(tokenizer, config, output) is { } outputTokens)
        {
            usage["output"] = outputTokens;
        }

        if (usage.Count == 0)
        {
            return null;
        }

        usage["total"] = usage.Values.Sum();
        return usage;
    }

    private Tokenizer? GetTokenizer(string tokenizerModel) => _tokenizers.GetOrAdd(tokenizerModel, name =>
    {
        try
        {
            return TiktokenTokenizer.CreateForModel(name);
        }
        catch (NotSupportedException)
        {
            logger.TokenizerUnavailable(name);
            return null;
        }
        catch (ArgumentException)
        {
            logger.TokenizerUnavailable(name);
            return null;
        }
    });

    // Input and output are kept as the JSON text the SDK sent.
    private static long? CountJson(Tokenizer tokenizer, TokenizerConfig config, string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return tokenizer.CountTokens(json);
        }

        using (doc)
        {
            var root = doc.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Array when root.GetArrayLength() == 0 => null,
                JsonValueKind.Array when IsChatMessages(root) => CountMessages(tokenizer, config, root),
                JsonValueKind.String => tokenizer.CountTokens(root.GetString()!),
                _ => tokenizer.CountTokens(json),
            };
        }
    }

    private static bool IsChatMessages(JsonElement array)
    {
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
            {
                return false;
            }
        }

        return true;
    }

    private static long CountMessages(Tokenizer tokenizer, TokenizerConfig config, JsonElement messages)
    {
        long tokens = 0;
        foreach (var message in messages.EnumerateArray())
        {
            tokens += config.TokensPerMessage;
            foreach (var property in message.EnumerateObject())
            {
                if (property.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                {
                    continue;
                }

                var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                tokens += tokenizer.CountTokens(text);
                if (property.NameEquals("name"))
                {
                    tokens += config.TokensPerName;
                }
            }
        }

        return tokens + 3;
    }

    private sealed record TokenizerConfig(string TokenizerModel, int TokensPerMessage, int TokensPerName)
    {
        public static TokenizerConfig From(PricedModel model)
        {
            var tokenizerModel = model.ModelName;
            int perMessage = 3, perName = 1;
            if (model.TokenizerConfig is { ValueKind: JsonValueKind.Object } config)
            {
                if (config.TryGetProperty("tokenizerModel", out var m) && m.ValueKind == JsonValueKind.String && m.GetString() is { Length: > 0 } name)
                {
                    tokenizerModel = name;
                }

                if (config.TryGetProperty("tokensPerMessage", out var pm) && pm.TryGetInt32(out var perMessageValue))
                {
                    perMessage = perMessageValue;
                }

                if (config.TryGetProperty("tokensPerName", out var pn) && pn.TryGetInt32(out var perNameValue))
                {
                    perName = perNameValue;
                }
            }

            return new TokenizerConfig(tokenizerModel, perMessage, perName);
        }
    }
}
