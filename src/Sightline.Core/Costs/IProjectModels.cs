namespace Sightline.Costs;

/// <summary>The models a project defined, as the cost step matches them.</summary>
internal interface IProjectModels
{
    /// <summary>The project's models in match order: start date descending (none last), then newest first.</summary>
    ValueTask<IReadOnlyList<PricedModel>> GetAsync(string projectId, CancellationToken ct);

    /// <summary>Drops what is cached for the project after one of its models was created or deleted.</summary>
    void Invalidate(string projectId);
}
