namespace Sightline.LlmConnections;

/// <summary>Langfuse's adapter names: the protocol a connection speaks.</summary>
internal static class LlmAdapters
{
    public const string OpenAi = "openai";
    public const string Anthropic = "anthropic";
    public const string Azure = "azure";
    public const string Bedrock = "bedrock";
    public const string VertexAi = "google-vertex-ai";
    public const string GoogleAiStudio = "google-ai-studio";

    public static readonly string[] All = [Anthropic, OpenAi, Azure, Bedrock, VertexAi, GoogleAiStudio];
}
