using System.Text;
using Sightline.Ingestion;
using Sightline.Storage.S3;

namespace Sightline.Storage.Redis;

/// <summary>
/// Dead letters of the scale profile, next to the event log in its bucket: <c>dead-letter/&lt;id&gt;.record</c> holds
/// the record as it was in the log, <c>dead-letter/&lt;id&gt;.txt</c> the project and the reason, for the operator.
/// </summary>
internal sealed class S3DeadLetterStore(S3Objects objects, TimeProvider time) : IDeadLetterStore
{
    public async Task SaveAsync(DeadLetter letter, CancellationToken ct)
    {
        var id = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        await objects.PutAsync($"dead-letter/{id}.record", letter.Payload.ToArray(), ct);
        var note = $"project: {letter.ProjectId ?? "(unknown)"}\nreason: {letter.Reason}\n";
        await objects.PutAsync($"dead-letter/{id}.txt", Encoding.UTF8.GetBytes(note), ct);
    }
}
