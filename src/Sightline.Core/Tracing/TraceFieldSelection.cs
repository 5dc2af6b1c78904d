namespace Sightline.Tracing;

internal static class TraceFieldSelection
{
    /// <summary>
    /// A comma-separated list of groups. Like Langfuse, unknown names are dropped, and a list naming no known group
    /// selects every group.
    /// </summary>
    public static TraceFields Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TraceFields.All;
        }

        var fields = TraceFields.None;
        var known = false;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var group = part switch
            {
                "core" => TraceFields.None,
                "io" => TraceFields.Io,
                "scores" => TraceFields.Scores,
                "observations" => TraceFields.Observations,
                "metrics" => TraceFields.Metrics,
                _ => (TraceFields?)null,
            };
            if (group is { } g)
            {
                known = true;
                fields |= g;
            }
        }

        return known ? fields : TraceFields.All;
    }
}
