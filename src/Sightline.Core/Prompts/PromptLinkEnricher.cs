using Sightline.Ingestion;
using Sightline.Tracing;

namespace Sightline.Prompts;

/// <summary>
/// Links observations that name a prompt (<c>promptName</c> and <c>promptVersion</c>, or the OTel prompt attributes)
/// to that prompt version's id, so usage can be counted per version. A version that does not exist links nothing.
/// </summary>
internal sealed class PromptLinkEnricher(PromptIdLookup lookup) : IObservationEnricher
{
    public async ValueTask<IReadOnlyList<ObservationRecord>> EnrichAsync(IReadOnlyList<ObservationRecord> observations, CancellationToken ct)
    {
        ObservationRecord[]? result = null;
        for (var i = 0; i < observations.Count; i++)
        {
            var o = observations[i];
            var promptId = o is { PromptName: { } name, PromptVersion: { } version } ? await lookup.FindAsync(o.ProjectId, name, version, ct) : null;
            if (promptId != o.PromptId)
            {
                result ??= [.. observations];
                result[i] = o with { PromptId = promptId };
            }
        }

        return result ?? observations;
    }
}
