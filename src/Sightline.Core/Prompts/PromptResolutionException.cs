namespace Sightline.Prompts;

/// <summary>A prompt's references cannot be resolved (missing, not text, cyclic, too deep); the message is for the caller.</summary>
internal sealed class PromptResolutionException(string message) : Exception(message);
