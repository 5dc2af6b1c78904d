namespace Sightline.Ingestion;

/// <summary>What an ingestion event type means: the entity it changes, the observation type, create or update.</summary>
public sealed record EventType(string Name, EntityKind Kind, string? ObservationType, bool IsUpdate)
{
    private static readonly Dictionary<string, EventType> Known = Build();

    public static EventType? Find(string? name) => name is not null && Known.TryGetValue(name, out var type) ? type : null;

    public static IEnumerable<string> Names => Known.Keys.Order(StringComparer.Ordinal);

    private static Dictionary<string, EventType> Build()
    {
        var types = new List<EventType>
        {
            new("trace-create", EntityKind.Trace, null, false),
            new("span-create", EntityKind.Observation, "SPAN", false),
            new("span-update", EntityKind.Observation, "SPAN", true),
            new("generation-create", EntityKind.Observation, "GENERATION", false),
            new("generation-update", EntityKind.Observation, "GENERATION", true),
            new("event-create", EntityKind.Observation, "EVENT", false),
            // Legacy: the body's own "type" (SPAN, GENERATION, EVENT) decides.
            new("observation-create", EntityKind.Observation, null, false),
            new("observation-update", EntityKind.Observation, null, true),
            new("score-create", EntityKind.Score, null, false),
            new("sdk-log", EntityKind.SdkLog, null, false),
        };
        foreach (var type in new[] { "agent", "tool", "chain", "retriever", "evaluator", "embedding", "guardrail" })
        {
            types.Add(new EventType(type + "-create", EntityKind.Observation, type.ToUpperInvariant(), false));
        }

        return types.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }
}
