namespace Sightline.Bench;

/// <summary>
/// One process's figures in the prompt benchmark: prompt fetches alone and under ingestion load, the ingestion load
/// itself, the fetched body sizes, and peak RSS and cores used in each phase.
/// </summary>
internal sealed record PromptPhases(
    OpenLoopResult Alone,
    OpenLoopResult UnderLoad,
    OpenLoopResult Ingestion,
    int PlainBytes,
    int ComposedBytes,
    double PeakRssAloneMegabytes,
    double PeakRssUnderLoadMegabytes,
    double CoresAlone,
    double CoresUnderLoad);
