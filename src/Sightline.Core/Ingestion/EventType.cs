namespace Sightline.Ingestion;

/// <summary>What an ingestion event type means: the entity it changes, the observation type, create or update.</summary>
public sealed record EventType(string Name, EntityKind Kind, string? ObservationType, bool IsUpdate)
{
    private static readonly Dictionary<string, EventType> Known = Build();

    /// <summary>
    /// Written by the server itself (never accepted from a client): removes the entity. It travels through the event
    /// log like any other event, so it applies after every earlier event of the entity, also when the log is replayed.
    /// </summary>
    public bool IsDeletion { get; private init; }

    /// <summary>Any type, including the server's own; for reading the event log.</summary>
    public static EventType? Find(string? name) => name is not null && Known.TryGetValue(name, out var type) ? type : null;

    /// <summary>A type clients may send to the batch API.</summary>
    public static EventType? FindAccepted(string? name) => Find(name) is { IsDeletion: false } type ? type : null;

    /// <summary>The types clients may send.</summary>
    public static IEnumerable<string> Names => Known.Values.Where(t => !t.IsDeletion).Select(t => t.Name).Order(StringComparer.Ordinal);

    public static EventType ScoreCreate { get; } = Known["score-create"];

    public static EventType ScoreDelete { get; } = Known["score-delete"];

    /// <summary>Removes a trace with its observations and scores; body <c>{"id": ...}</c>.</summary>
    public static EventType TraceDelete { get; } = Known["trace-delete"];

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
            new("score-delete", EntityKind.Score, null, false) { IsDeletion = true },
            new("trace-delete", EntityKind.Trace, null, false) { IsDeletion = true },
        };
        foreach (var type in new[] { "agent", "tool", "chain", "retriever", "evaluator", "embedding", "guardrail" })
        {
            types.Add(new EventType(type + "-create", EntityKind.Observation, type.ToUpperInvariant(), false));
        }

        return types.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }
}
