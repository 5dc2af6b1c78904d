using Sightline.Ingestion;
using Sightline.Tracing;

namespace Sightline.Costs;

/// <summary>
/// Prices observations that name a model: matches the model, counts tokens when the SDK sent neither usage nor
/// cost, picks the pricing tier and computes the cost. Cost the SDK provided is kept as sent.
/// </summary>
internal sealed class CostEnricher(ModelMatcher matcher, CostCalculator calculator, TokenCounter tokens) : IObservationEnricher
{
    public async ValueTask<IReadOnlyList<ObservationRecord>> EnrichAsync(IReadOnlyList<ObservationRecord> observations, CancellationToken ct)
    {
        ObservationRecord[]? result = null;
        for (var i = 0; i < observations.Count; i++)
        {
            var o = observations[i];
            var enriched = await EnrichAsync(o, ct);
            if (!ReferenceEquals(enriched, o))
            {
                result ??= [.. observations];
                result[i] = enriched;
            }
        }

        return result ?? observations;
    }

    private async ValueTask<ObservationRecord> EnrichAsync(ObservationRecord o, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(o.ProvidedModelName))
        {
            return o.InternalModelId is null ? o : o with { InternalModelId = null, UsagePricingTierId = null, UsagePricingTierName = null };
        }

        var model = await matcher.MatchAsync(o.ProjectId, o.ProvidedModelName, ct);
        // Recomputed from the provided values every time, so a stored row's earlier result never leaks into this one.
        var priced = o with { InternalModelId = model?.Id, UsagePricingTierId = null, UsagePricingTierName = null };
        if (model is null || o.ProvidedCostDetails.Count > 0)
        {
            return priced;
        }

        var usage = o.UsageDetails;
        if (o.ProvidedUsageDetails.Count == 0 && o.Level != "ERROR" && tokens.Count(model, o.Input, o.Output) is { } counted)
        {
            usage = counted;
            priced = priced with { UsageDetails = counted };
        }

        if (calculator.SelectTier(model, usage, o.ModelParameters, o.Metadata) is not { } tier)
        {
            return priced;
        }

        var cost = CostCalculator.Compute(tier, usage);
        return priced with
        {
            CostDetails = cost.Details,
            TotalCost = cost.Total,
            UsagePricingTierId = tier.Id,
            UsagePricingTierName = tier.Name,
        };
    }
}
