using System.Text.Json.Serialization;

namespace Sightline.Prompts;

/// <summary>
/// One entry of a chat prompt: a message <c>{"role", "content"}</c> or a placeholder
/// <c>{"type": "placeholder", "name"}</c> that the SDK's <c>compile()</c> replaces with a list of messages.
/// </summary>
internal sealed record PromptMessage(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name)
{
    public static PromptMessage Chat(string role, string content) => new(role, content, null, null);

    public static PromptMessage Placeholder(string name) => new(null, null, PromptRules.PlaceholderType, name);

    [JsonIgnore]
    public bool IsPlaceholder => Type == PromptRules.PlaceholderType;
}
