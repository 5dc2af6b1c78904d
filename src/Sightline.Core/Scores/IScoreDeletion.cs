namespace Sightline.Scores;

/// <summary>Removes scores at once on request of the public API (the event log carries the deletion as well).</summary>
public interface IScoreDeletion
{
    /// <summary>Deletes the project's scores with these ids; unknown ids are ignored. Returns how many rows went.</summary>
    Task<long> DeleteScoresAsync(string projectId, IReadOnlyCollection<string> scoreIds, CancellationToken ct);
}
