using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;

namespace Sightline.Server.Tests.Sdk;

/// <summary>
/// The stock OTLP trace exporter, noting what each export call returned: the exporter swallows HTTP failures and
/// only reports them through its result, so a test that skipped this would pass with nothing sent.
/// </summary>
internal sealed class RecordingOtlpTraceExporter(OtlpExporterOptions options) : OtlpTraceExporter(options)
{
    private readonly ConcurrentQueue<(ExportResult Result, long Spans)> _exports = new();

    public IReadOnlyList<(ExportResult Result, long Spans)> Exports => [.. _exports];

    public override ExportResult Export(in Batch<Activity> batch)
    {
        var result = base.Export(batch);
        _exports.Enqueue((result, batch.Count));
        return result;
    }
}
