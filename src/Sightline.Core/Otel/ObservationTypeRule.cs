namespace Sightline.Otel;

/// <summary>Langfuse's observation type for a span (spec §5.5): the first rule that matches wins.</summary>
internal static class ObservationTypeRule
{
    public const string Span = "span";
    public const string Generation = "generation";

    private static readonly HashSet<string> Known =
        new(["span", "generation", "event", "agent", "tool", "chain", "retriever", "evaluator", "embedding", "guardrail"], StringComparer.Ordinal);

    private static readonly string[] LangfuseGenerationKeys =
    [
        "langfuse.observation.model.name", "langfuse.observation.model.parameters", "langfuse.observation.usage_details",
        "langfuse.observation.cost_details", "langfuse.observation.completion_start_time", "langfuse.observation.prompt.name",
    ];

    private static readonly string[] ModelKeys =
        ["langfuse.observation.model.name", "gen_ai.request.model", "gen_ai.response.model", "llm.model_name", "model", "ai.model.id"];

    /// <summary>The lower-case type name, as used in the event type (<c>generation</c> → <c>generation-create</c>).</summary>
    public static string Resolve(SpanAttributes a)
    {
        var declared = a.String("langfuse.observation.type")?.ToLowerInvariant();

        // Python SDK ≤ 3.3 typed generations as "span" and relied on the server to notice the generation fields.
        if (declared == Span && a.HasAny(LangfuseGenerationKeys))
        {
            return Generation;
        }

        if (declared is not null && Known.Contains(declared))
        {
            return declared;
        }

        return OpenInference(a.String("openinference.span.kind"))
            ?? GenAiOperation(a.String("gen_ai.operation.name"))
            ?? Genkit(a.String("genkit:metadata:subtype"))
            ?? VercelAi(a)
            ?? (a.HasAny("gen_ai.tool.name", "gen_ai.tool.call.id") ? "tool" : null)
            ?? (a.HasAny(ModelKeys) ? Generation : Span);
    }

    private static string? OpenInference(string? kind) => kind?.ToUpperInvariant() switch
    {
        "LLM" => Generation,
        "CHAIN" or "RETRIEVER" or "EMBEDDING" or "AGENT" or "TOOL" or "GUARDRAIL" or "EVALUATOR" => kind.ToLowerInvariant(),
        _ => null,
    };

    private static string? GenAiOperation(string? operation) => operation switch
    {
        "chat" or "completion" or "text_completion" or "generate_content" or "generate" => Generation,
        "embeddings" => "embedding",
        "invoke_agent" or "create_agent" => "agent",
        "execute_tool" => "tool",
        _ => null,
    };

    private static string? Genkit(string? subtype) => subtype switch
    {
        "model" => Generation,
        "tool" => "tool",
        "embedder" => "embedding",
        "retriever" => "retriever",
        _ => null,
    };

    private static string? VercelAi(SpanAttributes a) => a.String("ai.operationId") switch
    {
        "ai.generateText.doGenerate" or "ai.streamText.doStream" or "ai.generateObject.doGenerate" or "ai.streamObject.doStream"
            when a.HasAny(ModelKeys) => Generation,
        "ai.embed.doEmbed" or "ai.embedMany.doEmbed" => "embedding",
        "ai.toolCall" => "tool",
        _ => null,
    };
}
