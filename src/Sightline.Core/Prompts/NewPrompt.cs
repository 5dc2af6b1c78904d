namespace Sightline.Prompts;

/// <summary>A validated <c>POST /v2/prompts</c> body.</summary>
internal sealed record NewPrompt(
    string Name,
    PromptContent Content,
    string Config,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string>? Tags,
    string? CommitMessage);
