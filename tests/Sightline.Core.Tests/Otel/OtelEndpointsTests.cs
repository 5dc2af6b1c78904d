using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sightline.Auth;
using Sightline.Ingestion;
using Sightline.Otel;

namespace Sightline.Core.Tests.Otel;

/// <summary>The trace export handler end to end, short of routing and authentication.</summary>
public sealed class OtelEndpointsTests
{
    private static readonly CallerProject Caller = new("project-otel", "org-otel", AccessLevel.Project);

    private sealed class RecordingLog(bool full = false) : IEventLog
    {
        public List<byte[]> Records { get; } = [];

        public long BacklogBytes => 0;

        public ValueTask AppendAsync(ReadOnlyMemory<byte> record, CancellationToken ct)
        {
            if (full)
            {
                throw new EventLogFullException("backlog over its bound");
            }

            Records.Add(record.ToArray());
            return ValueTask.CompletedTask;
        }
    }

    private static async Task<(int Status, string Body, HttpResponse Response)> PostAsync(
        byte[] body, string? contentType, RecordingLog log, string? encoding = null, string? version = null, int maxBodyBytes = 4_718_592)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        if (encoding is not null)
        {
            context.Request.Headers.ContentEncoding = encoding;
        }

        if (version is not null)
        {
            context.Request.Headers["x-langfuse-ingestion-version"] = version;
        }

        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;
        var result = await OtelEndpoints.ExportTracesAsync(
            context, Caller, log, new IngestionOptions { MaxBodyBytes = maxBodyBytes }, new FakeTimeProvider(OtelMapping.Now), NullLoggerFactory.Instance, CancellationToken.None);
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, Encoding.UTF8.GetString(responseBody.ToArray()), context.Response);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    [Fact]
    public async Task Traces_JsonExport_Returns200EmptyObject_AndAppendsOneRecordWithTheMappedEvents()
    {
        var log = new RecordingLog();

        var (status, body, _) = await PostAsync(Encoding.UTF8.GetBytes(OtlpPayloads.JsSdk), "application/json; charset=utf-8", log);

        Assert.Equal(200, status);
        Assert.Equal("{}", body);
        var record = IngestionRecord.Decode(Assert.Single(log.Records));
        Assert.NotNull(record);
        Assert.Equal("project-otel", record.ProjectId);
        Assert.Equal(OtelMapping.Now.UtcDateTime, record.ReceivedAt);
        Assert.Equal(
            OtelMapping.FromJson(OtlpPayloads.JsSdk).Select(OtelMapping.Canonical),
            record.Events.Select(OtelMapping.Canonical));
    }

    [Fact]
    public async Task Traces_GzippedProtobuf_IsDecompressedAndMapped()
    {
        var log = new RecordingLog();
        var protobuf = OtelMapping.ToProtobuf(OtlpPayloads.OpenInference);

        var (status, body, _) = await PostAsync(Gzip(protobuf), "application/x-protobuf", log, encoding: "gzip", version: "4");

        Assert.Equal((200, "{}"), (status, body));
        var record = IngestionRecord.Decode(Assert.Single(log.Records))!;
        Assert.Equal(["generation-create", "tool-create", "trace-create"], record.Events.Select(e => e.Type.Name));
        Assert.Equal(OtlpPayloads.OpenInferenceLlmSpanId, record.Events[0].Body.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Traces_OtherContentType_Returns400InvalidContentType(string? contentType)
    {
        var log = new RecordingLog();

        var (status, body, _) = await PostAsync(Encoding.UTF8.GetBytes(OtlpPayloads.JsSdk), contentType, log);

        Assert.Equal((400, """{"error":"Invalid content type"}"""), (status, body));
        Assert.Empty(log.Records);
    }

    [Theory]
    [InlineData("application/x-protobuf", new byte[] { 0x0A, 0x7F, 0x01 }, """{"error":"Failed to parse OTel Protobuf Trace"}""")]
    [InlineData("application/json", new byte[] { 0x7B, 0x7B }, """{"error":"Failed to parse OTel JSON Trace"}""")]
    public async Task Traces_Unparseable_Returns400NamingTheFormat(string contentType, byte[] payload, string expected)
    {
        var (status, body, _) = await PostAsync(payload, contentType, new RecordingLog());

        Assert.Equal((400, expected), (status, body));
    }

    [Fact]
    public async Task Traces_SpanWithoutId_RejectsTheWholeExport()
    {
        var log = new RecordingLog();
        var json = """
            {"resourceSpans":[{"scopeSpans":[{"spans":[
              {"traceId":"aa","spanId":"01","name":"fine"},
              {"traceId":"aa","name":"no id"}]}]}]}
            """;

        var (status, body, _) = await PostAsync(Encoding.UTF8.GetBytes(json), "application/json", log);

        Assert.Equal(400, status);
        Assert.Equal("Invalid OTLP trace export: span without traceId or spanId", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        Assert.Empty(log.Records);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("four")]
    public async Task Traces_BadIngestionVersionHeader_Returns400(string version)
    {
        var (status, body, _) = await PostAsync(Encoding.UTF8.GetBytes(OtlpPayloads.JsSdk), "application/json", new RecordingLog(), version: version);

        Assert.Equal(400, status);
        Assert.StartsWith("Invalid x-langfuse-ingestion-version header", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Traces_BodyOverTheLimit_Returns413_AlsoWhenOnlyTheDecompressedFormIs()
    {
        var log = new RecordingLog();
        var payload = Encoding.UTF8.GetBytes(OtlpPayloads.JsSdk);
        var limit = payload.Length / 2 / OtelEndpoints.BodyLimitFactor;

        var (plainStatus, _, _) = await PostAsync(payload, "application/json", log, maxBodyBytes: limit);
        var zipped = Gzip(payload);
        Assert.True(zipped.Length <= limit * OtelEndpoints.BodyLimitFactor);
        var (gzipStatus, _, _) = await PostAsync(zipped, "application/json", log, encoding: "gzip", maxBodyBytes: limit);

        Assert.Equal((413, 413), (plainStatus, gzipStatus));
        Assert.Empty(log.Records);
    }

    [Fact]
    public async Task Traces_CorruptGzip_Returns400()
    {
        // A valid gzip header followed by a deflate block of the reserved type 3.
        byte[] corrupt = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0xFF];

        var (status, body, _) = await PostAsync(corrupt, "application/json", new RecordingLog(), encoding: "gzip");

        Assert.Equal((400, """{"error":"Invalid gzip body"}"""), (status, body));
    }

    [Fact]
    public async Task Traces_EventLogFull_Returns503WithRetryAfter()
    {
        var (status, body, response) = await PostAsync(Encoding.UTF8.GetBytes(OtlpPayloads.JsSdk), "application/json", new RecordingLog(full: true));

        Assert.Equal(503, status);
        Assert.Equal("5", response.Headers.RetryAfter.ToString());
        Assert.Equal("ServiceUnavailableError", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Traces_ExportWithoutSpans_Returns200AndAppendsNothing()
    {
        var log = new RecordingLog();

        var (status, body, _) = await PostAsync("""{"resourceSpans":[]}"""u8.ToArray(), "application/json", log);

        Assert.Equal((200, "{}"), (status, body));
        Assert.Empty(log.Records);
    }

    [Fact]
    public async Task Metrics_ReturnsOk()
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;

        await OtelEndpoints.Metrics().ExecuteAsync(context);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("""{"message":"OK"}""", Encoding.UTF8.GetString(responseBody.ToArray()));
    }
}
