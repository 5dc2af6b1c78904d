namespace Sightline.Storage.Local;

/// <param name="Start">Where reading resumes: the checkpoint, or the first segment's start.</param>
/// <param name="Lengths">Valid length of each live segment, from <c>Start.Segment</c> on.</param>
/// <param name="BacklogBytes">Bytes from <paramref name="Start"/> to the end of the log.</param>
internal sealed record RecoveredLog(LogPosition Start, IReadOnlyList<long> Lengths, long BacklogBytes);
