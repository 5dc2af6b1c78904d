namespace Sightline.Tracing;

/// <summary>Identifies one trace, observation or score: ids are unique per project only.</summary>
public readonly record struct EntityKey(string ProjectId, string Id);
