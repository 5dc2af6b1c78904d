using System.Text.Json.Serialization;

namespace Sightline.Bench;

/// <summary>What a generated read benchmark data directory holds, saved beside the data as <c>manifest.json</c>.</summary>
/// <param name="End">The traces' timestamps run over the <see cref="ReadsData.Days"/> days before this.</param>
/// <param name="TraceIds">Trace ids spread evenly over the data, to read back.</param>
/// <param name="UserIds">The users of those traces.</param>
/// <param name="SessionIds">The sessions of those traces.</param>
internal sealed record ReadsManifest(
    int Traces,
    DateTime End,
    double GeneratedSeconds,
    long AnalyticsBytes,
    IReadOnlyList<string> TraceIds,
    IReadOnlyList<string> UserIds,
    IReadOnlyList<string> SessionIds)
{
    [JsonIgnore]
    public string Directory { get; init; } = "";
}
