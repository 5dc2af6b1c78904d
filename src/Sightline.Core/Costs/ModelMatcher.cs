using System.Collections.Concurrent;

namespace Sightline.Costs;

/// <summary>
/// Finds the model whose prices apply to an observation's model name: the project's own models first, then the
/// built-in ones, each in match order; the first whose pattern matches wins (Langfuse's rule).
/// </summary>
internal sealed class ModelMatcher(BuiltInModels builtIns, IProjectModels projectModels, ModelPatterns patterns)
{
    // Model names repeat endlessly, so the built-in answer is kept per name (bounded against arbitrary names).
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, PricedModel?> _builtInByName = new(StringComparer.Ordinal);

    public async ValueTask<PricedModel?> MatchAsync(string projectId, string modelName, CancellationToken ct)
    {
        var own = await projectModels.GetAsync(projectId, ct);
        return FirstMatch(own, modelName) ?? MatchBuiltIn(modelName);
    }

    public PricedModel? MatchBuiltIn(string modelName)
    {
        if (_builtInByName.TryGetValue(modelName, out var known))
        {
            return known;
        }

        if (_builtInByName.Count >= MaxRemembered)
        {
            _builtInByName.Clear();
        }

        return _builtInByName.GetOrAdd(modelName, FirstMatch(builtIns.All, modelName));
    }

    private PricedModel? FirstMatch(IReadOnlyList<PricedModel> candidates, string modelName)
    {
        foreach (var model in candidates)
        {
            if (patterns.IsMatch(model.MatchPattern, modelName))
            {
                return model;
            }
        }

        return null;
    }
}
