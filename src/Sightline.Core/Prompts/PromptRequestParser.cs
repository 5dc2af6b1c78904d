using System.Text.Json;

namespace Sightline.Prompts;

/// <summary>
/// Reads a create-prompt body the way Langfuse's schema does: text prompts carry a string, chat prompts
/// (<c>type: "chat"</c>, required) an array of messages and placeholders; keys Langfuse drops are dropped. Every
/// problem names the field.
/// </summary>
internal static class PromptRequestParser
{
    public static string? Parse(JsonElement body, out NewPrompt? prompt)
    {
        prompt = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return "body: expected a JSON object";
        }

        if (!body.TryGetProperty("name", out var nameValue) || nameValue.ValueKind != JsonValueKind.String)
        {
            return "name: required, a string";
        }

        if (PromptRules.NameProblem(nameValue.GetString(), out var name) is { } nameProblem)
        {
            return nameProblem;
        }

        var type = PromptRules.TextType;
        if (body.TryGetProperty("type", out var typeValue) && typeValue.ValueKind != JsonValueKind.Null)
        {
            type = typeValue.ValueKind == JsonValueKind.String ? typeValue.GetString()! : string.Empty;
            if (type is not (PromptRules.TextType or PromptRules.ChatType))
            {
                return "type: must be 'text' or 'chat'";
            }
        }

        if (!body.TryGetProperty("prompt", out var promptValue))
        {
            return "prompt: required";
        }

        var contentProblem = type == PromptRules.ChatType ? ParseChat(promptValue, out var content) : ParseText(promptValue, out content);
        if (contentProblem is not null)
        {
            return contentProblem;
        }

        if (content!.ToStoredJson().Length > PromptRules.MaxPromptLength)
        {
            return $"prompt: at most {PromptRules.MaxPromptLength} characters";
        }

        var config = body.TryGetProperty("config", out var configValue) && configValue.ValueKind != JsonValueKind.Null ? configValue.GetRawText() : "{}";
        if (config.Length > PromptRules.MaxConfigLength)
        {
            return $"config: at most {PromptRules.MaxConfigLength} characters of JSON";
        }

        if (ParseStrings(body, "labels", out var labels) is { } labelsProblem)
        {
            return labelsProblem;
        }

        foreach (var label in labels ?? [])
        {
            if (PromptRules.LabelProblem("labels", label) is { } labelProblem)
            {
                return labelProblem;
            }
        }

        if (ParseStrings(body, "tags", out var tags) is { } tagsProblem)
        {
            return tagsProblem;
        }

        if (tags?.FirstOrDefault(t => t.Length is 0 or > PromptRules.MaxTagLength) is not null)
        {
            return $"tags: each tag has 1 to {PromptRules.MaxTagLength} characters";
        }

        string? commitMessage = null;
        if (body.TryGetProperty("commitMessage", out var commitValue) && commitValue.ValueKind != JsonValueKind.Null)
        {
            if (commitValue.ValueKind != JsonValueKind.String)
            {
                return "commitMessage: expected a string";
            }

            commitMessage = commitValue.GetString()!;
            if (commitMessage.Length > PromptRules.MaxCommitMessageLength)
            {
                return $"commitMessage: at most {PromptRules.MaxCommitMessageLength} characters";
            }
        }

        prompt = new NewPrompt(name, content, config, labels ?? [], tags, commitMessage);
        return null;
    }

    private static string? ParseText(JsonElement value, out PromptContent? content)
    {
        content = null;
        if (value.ValueKind != JsonValueKind.String)
        {
            return "prompt: a text prompt is a string (a list of messages needs type 'chat')";
        }

        content = PromptContent.FromText(value.GetString()!);
        return null;
    }

    private static string? ParseChat(JsonElement value, out PromptContent? content)
    {
        content = null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            return "prompt: a chat prompt is an array of messages";
        }

        var messages = new List<PromptMessage>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var field = $"prompt[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                return $"{field}: expected {{\"role\", \"content\"}} or {{\"type\": \"placeholder\", \"name\"}}";
            }

            // Langfuse tries the message shape first, so an entry with role and content is a message whatever its type.
            if (item.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String
                && item.TryGetProperty("content", out var text) && text.ValueKind == JsonValueKind.String)
            {
                messages.Add(PromptMessage.Chat(role.GetString()!, text.GetString()!));
                continue;
            }

            if (item.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == PromptRules.PlaceholderType)
            {
                if (!item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    return $"{field}.name: a placeholder needs a name";
                }

                if (!PromptRules.IsPlaceholderName(name.GetString()!))
                {
                    return $"{field}.name: Placeholder name must start with a letter and contain only alphanumeric characters and underscores";
                }

                messages.Add(PromptMessage.Placeholder(name.GetString()!));
                continue;
            }

            return $"{field}: a message needs string 'role' and 'content'; a placeholder needs type 'placeholder' and a name";
        }

        var placeholders = messages.Where(m => m.IsPlaceholder).Select(m => m.Name!).ToHashSet(StringComparer.Ordinal);
        var clashes = messages.Where(m => m.Content is not null)
            .SelectMany(m => PromptRules.Variables(m.Content!))
            .Distinct(StringComparer.Ordinal)
            .Where(placeholders.Contains)
            .ToList();
        if (clashes.Count > 0)
        {
            return $"prompt: Cannot create prompt, variables and placeholders must be unique, the following are not: {string.Join(", ", clashes)}";
        }

        content = PromptContent.FromMessages(messages);
        return null;
    }

    private static string? ParseStrings(JsonElement body, string field, out List<string>? values)
    {
        values = null;
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            return $"{field}: expected an array of strings";
        }

        values = value.EnumerateArray().Select(v => v.GetString()!).ToList();
        return null;
    }
}
