using System.Net;
using System.Text;
using System.Text.Json;

namespace Sightline.Bench;

/// <summary>
/// Creates the prompts the prompt benchmark fetches, through <c>POST /api/public/v2/prompts</c> as an SDK would,
/// and checks that a fetch by label returns them as created: a chat prompt in a folder with a system message, a
/// placeholder for the conversation so far, a user message with variables and a model config (version 1 labelled
/// production, version 2 staging, so the label does not simply name the newest version); and a second chat prompt
/// whose system message embeds a text prompt by reference, so every cache fill exercises composition.
/// </summary>
internal static class PromptSetup
{
    public const string Plain = "support/answer-ticket";
    public const string Composed = "support/answer-ticket-composed";
    private const string Tone = "support/tone-of-voice";

    private const string ToneText =
        "Write as {{company}}'s support team: calm, plain words, no jargon, no exclamation marks. Apologise once if the customer was let down, "
        + "then move to the fix. Never promise refunds, delivery dates or features; say who can decide and how to reach them.";

    private const string SystemText =
        "You answer customer tickets for {{company}}. Use only the knowledge-base articles given below and cite each one you use as "
        + "[KB-<id>]. If the articles do not answer the question, say so and offer to hand the ticket to a person. Keep answers under 150 "
        + "words, put steps in a numbered list, and end with one question that checks whether the problem is solved.\n\nArticles:\n{{articles}}";

    private const string UserText = "Ticket {{ticket_id}} from {{customer_name}} (plan: {{plan}}):\n{{question}}";

    private const string Config = """
        {"model":"gpt-4o-mini","temperature":0.2,"max_tokens":600,"top_p":1,"response_format":{"type":"text"},"stop":["\n\nTicket"],"retrieval":{"index":"kb-articles","top_k":4}}
        """;

    private static readonly string[] TextTags = ["support"];
    private static readonly string[] ChatTags = ["support", "tickets"];

    /// <summary>The path that fetches <paramref name="name"/> by label <c>production</c> (folders URL-encoded).</summary>
    public static Uri FetchPath(string name) =>
        new($"/api/public/v2/prompts/{Uri.EscapeDataString(name)}?label=production", UriKind.Relative);

    /// <summary>Creates the prompts and returns the size in bytes of each fetched body (<see cref="Plain"/>, <see cref="Composed"/>).</summary>
    public static async Task<(int Plain, int Composed)> CreateAsync(HttpClient http)
    {
        await CreateAsync(http, Text(Tone, ToneText, "production"));
        await CreateAsync(http, Chat(Plain, SystemText, "production", "First version of the ticket answerer"));
        await CreateAsync(http, Chat(Plain, SystemText + "\nPrefer articles updated this year.", "staging", "Prefer recent articles"));
        await CreateAsync(http, Chat(Composed, "@@@langfusePrompt:name=" + Tone + "|label=production@@@\n\n" + SystemText, "production", "Tone of voice from its own prompt"));

        var plain = await FetchAsync(http, Plain);
        Expect(plain, Plain, 1, root => root.GetProperty("prompt")[0].GetProperty("content").GetString() == SystemText);
        var composed = await FetchAsync(http, Composed);
        Expect(composed, Composed, 1, root =>
            root.GetProperty("prompt")[0].GetProperty("content").GetString() is { } content
            && content.StartsWith(ToneText, StringComparison.Ordinal)
            && root.GetProperty("resolutionGraph").ValueKind == JsonValueKind.Object);
        return (plain.Length, composed.Length);
    }

    private static async Task CreateAsync(HttpClient http, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/api/public/v2/prompts", UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating a prompt answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<byte[]> FetchAsync(HttpClient http, string name)
    {
        using var response = await http.GetAsync(FetchPath(name));
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? body
            : throw new InvalidOperationException($"Fetching prompt {name} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
    }

    private static void Expect(byte[] body, string name, int version, Func<JsonElement, bool> check)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (root.GetProperty("name").GetString() != name || root.GetProperty("version").GetInt32() != version || !check(root))
        {
            throw new InvalidOperationException($"Fetching prompt {name} by label returned something else: {Encoding.UTF8.GetString(body)}");
        }
    }

    private static string Text(string name, string text, string label) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["name"] = name,
        ["type"] = "text",
        ["prompt"] = text,
        ["labels"] = new[] { label },
        ["tags"] = TextTags,
    });

    private static string Chat(string name, string system, string label, string commitMessage)
    {
        using var config = JsonDocument.Parse(Config);
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = name,
            ["type"] = "chat",
            ["prompt"] = new object[]
            {
                new Dictionary<string, string> { ["role"] = "system", ["content"] = system },
                new Dictionary<string, string> { ["type"] = "placeholder", ["name"] = "history" },
                new Dictionary<string, string> { ["role"] = "user", ["content"] = UserText },
            },
            ["config"] = config.RootElement.Clone(),
            ["labels"] = new[] { label },
            ["tags"] = ChatTags,
            ["commitMessage"] = commitMessage,
        });
    }
}
