using System.Text.Json;
using Sightline.Api;

namespace Sightline.Prompts;

/// <summary>What a prompt version says: one text, or a list of chat messages and placeholders.</summary>
internal sealed record PromptContent
{
    private PromptContent(string? text, IReadOnlyList<PromptMessage>? messages)
    {
        Text = text;
        Messages = messages;
    }

    public string? Text { get; }
    public IReadOnlyList<PromptMessage>? Messages { get; }

    public string Type => Messages is null ? PromptRules.TextType : PromptRules.ChatType;

    public static PromptContent FromText(string text) => new(text, null);

    public static PromptContent FromMessages(IReadOnlyList<PromptMessage> messages) => new(null, messages);

    /// <summary>Reads the stored JSON of a version of the given type.</summary>
    public static PromptContent FromStored(string type, string json) => type == PromptRules.ChatType
        ? FromMessages(JsonSerializer.Deserialize(json, SightlineJson.Default.ListPromptMessage) ?? [])
        : FromText(JsonSerializer.Deserialize(json, SightlineJson.Default.String) ?? string.Empty);

    /// <summary>Every text a prompt reference or a variable can appear in: the text, or each message's content.</summary>
    public IEnumerable<string> Texts => Text is not null
        ? [Text]
        : Messages!.Where(m => m.Content is not null).Select(m => m.Content!);

    /// <summary>The same content with every text passed through <paramref name="map"/>.</summary>
    public PromptContent Map(Func<string, string> map) => Text is not null
        ? FromText(map(Text))
        : FromMessages(Messages!.Select(m => m.Content is null ? m : m with { Content = map(m.Content) }).ToList());

    public string ToStoredJson() => Text is not null
        ? JsonSerializer.Serialize(Text, SightlineJson.Default.String)
        : JsonSerializer.Serialize(Messages!.ToList(), SightlineJson.Default.ListPromptMessage);

    public JsonElement ToElement() => Text is not null
        ? JsonSerializer.SerializeToElement(Text, SightlineJson.Default.String)
        : JsonSerializer.SerializeToElement(Messages!.ToList(), SightlineJson.Default.ListPromptMessage);
}
