using Sightline.Tracing;

namespace Sightline.Ingestion;

/// <summary>
/// A run of records' events sorted by the entity they change, and the merge lock keys of every entity a merge of
/// them may write (<see cref="IngestionProcessor.Group"/>).
/// </summary>
public sealed record GroupedEvents(
    Dictionary<EntityKey, List<IngestionEvent>> Traces,
    Dictionary<EntityKey, List<IngestionEvent>> Observations,
    Dictionary<EntityKey, List<IngestionEvent>> Scores,
    HashSet<string> LockKeys);
