using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests.Sdk;

/// <summary>
/// Spans sent by .NET's own OpenTelemetry SDK through the stock OTLP/HTTP exporter, and by
/// Microsoft.Extensions.AI's OpenTelemetry chat client, read back through the public API.
/// </summary>
public sealed class DotnetOtelTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly string[] TraceTags = ["otel", "dotnet"];

    private SightlineProcess Server => shared.Server;

    [Fact]
    public async Task OtlpExporter_HttpProtobuf_NestedActivitiesBecomeOneTraceWithAPricedGeneration()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        var sourceName = UniqueSourceName();
        using var source = new ActivitySource(sourceName);
        var exporter = new RecordingOtlpTraceExporter(ExporterOptions(tenant, OtlpExportCompression.None));
        using var provider = OpenTelemetry.Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(r => r.Clear()
                .AddService("checkout-api", serviceVersion: "2.3.0")
                .AddAttributes([new("deployment.environment.name", "staging")]))
            .AddSource(sourceName)
            .AddProcessor(new BatchActivityExportProcessor(exporter))
            .Build();

        string traceId, rootId, stepId, generationId;
        using (var root = StartActivity(source, "handle-checkout", ActivityKind.Server, default, 0))
        {
            root.SetTag("langfuse.trace.name", "checkout-flow");
            root.SetTag("langfuse.user.id", "user-42");
            root.SetTag("langfuse.session.id", "session-7");
            root.SetTag("langfuse.trace.tags", TraceTags);
            root.SetTag("langfuse.trace.metadata.region", "eu-west");
            using (var step = StartActivity(source, "price-cart", ActivityKind.Internal, root.Context, 100))
            {
                using (var generation = StartActivity(source, "chat gpt-4o-mini", ActivityKind.Client, step.Context, 200))
                {
                    generation.SetTag("gen_ai.operation.name", "chat");
                    generation.SetTag("gen_ai.system", "openai");
                    generation.SetTag("gen_ai.request.model", "gpt-4o-mini");
                    generation.SetTag("gen_ai.response.model", "gpt-4o-mini-2024-07-18");
                    generation.SetTag("gen_ai.request.temperature", 0.25);
                    generation.SetTag("gen_ai.usage.input_tokens", 1200);
                    generation.SetTag("gen_ai.usage.output_tokens", 300);
                    generation.SetEndTime(Start.AddMilliseconds(1200).UtcDateTime);
                    generationId = generation.SpanId.ToHexString();
                }

                step.SetEndTime(Start.AddMilliseconds(1500).UtcDateTime);
                stepId = step.SpanId.ToHexString();
            }

            root.SetEndTime(Start.AddSeconds(2).UtcDateTime);
            (traceId, rootId) = (root.TraceId.ToHexString(), root.SpanId.ToHexString());
        }

        Assert.True(provider.ForceFlush(10_000), "the batch processor did not flush");
        // ForceFlush can answer before the export thread has finished the export it started (seen in the scale run,
        // where the server's answer takes longer): wait for the export's result, then check it was the only one.
        await Poll.UntilTrueAsync(() => Task.FromResult(exporter.Exports.Count > 0), TimeSpan.FromSeconds(10));
        var export = Assert.Single(exporter.Exports);
        Assert.Equal((ExportResult.Success, 3L), export);

        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var trace = await Poll.UntilAsync(client, $"/api/public/traces/{traceId}", t => t.GetProperty("observations").GetArrayLength() == 3);
        Assert.Equal(traceId, trace.GetProperty("id").GetString());
        Assert.Equal("checkout-flow", trace.GetProperty("name").GetString());
        Assert.Equal(("user-42", "session-7"), (trace.GetProperty("userId").GetString(), trace.GetProperty("sessionId").GetString()));
        Assert.Equal(["dotnet", "otel"], trace.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("eu-west", trace.GetProperty("metadata").GetProperty("region").GetString());
        Assert.Equal(("staging", "2.3.0"), (trace.GetProperty("environment").GetString(), trace.GetProperty("version").GetString()));
        Assert.Equal("2026-03-02T09:30:00.000Z", trace.GetProperty("timestamp").GetString());
        Assert.Equal(0.00036m, trace.GetProperty("totalCost").GetDecimal());

        var tree = trace.GetProperty("observations").EnumerateArray()
            .ToDictionary(o => o.GetProperty("id").GetString()!, o => (Type: o.GetProperty("type").GetString(), Name: o.GetProperty("name").GetString(), Parent: ParentId(o)));
        Assert.Equal(
            new Dictionary<string, (string?, string?, string?)>
            {
                [rootId] = ("SPAN", "handle-checkout", null),
                [stepId] = ("SPAN", "price-cart", rootId),
                [generationId] = ("GENERATION", "chat gpt-4o-mini", stepId),
            },
            tree);

        var observation = await Tenant.ReadAsync(await client.GetAsync($"/api/public/observations/{generationId}"), System.Net.HttpStatusCode.OK);
        Assert.Equal((traceId, stepId), (observation.GetProperty("traceId").GetString(), observation.GetProperty("parentObservationId").GetString()));
        Assert.Equal(("2026-03-02T09:30:00.200Z", "2026-03-02T09:30:01.200Z"), (observation.GetProperty("startTime").GetString(), observation.GetProperty("endTime").GetString()));
        Assert.Equal(("gpt-4o-mini-2024-07-18", "openai-gpt-4o-mini"), (observation.GetProperty("model").GetString(), observation.GetProperty("modelId").GetString()));
        Assert.Equal(0.25, observation.GetProperty("modelParameters").GetProperty("temperature").GetDouble());
        Assert.Equal("openai", observation.GetProperty("metadata").GetProperty("attributes").GetProperty("gen_ai.system").GetString());
        Assert.Equal(Usage(("input", 1200), ("output", 300), ("total", 1500)), Counts(observation.GetProperty("usageDetails")));

        // gpt-4o-mini lists input at $0.15 and output at $0.60 per million tokens.
        Assert.Equal((0.00018m, 0.00018m, 0.00036m), (
            observation.GetProperty("calculatedInputCost").GetDecimal(),
            observation.GetProperty("calculatedOutputCost").GetDecimal(),
            observation.GetProperty("calculatedTotalCost").GetDecimal()));
    }

    [Fact]
    public async Task ExtensionsAi_OpenTelemetryChatClient_BecomesAGenerationWithMessagesUsageAndCost()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        var sourceName = UniqueSourceName();
        using var source = new ActivitySource(sourceName);
        var exporter = new RecordingOtlpTraceExporter(ExporterOptions(tenant, OtlpExportCompression.None));
        using var provider = OpenTelemetry.Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(r => r.Clear().AddService("geo-bot"))
            .AddSource(sourceName, sourceName + ".chat")
            .AddProcessor(new SimpleActivityExportProcessor(exporter))
            .Build();
        var canned = new CannedChatClient(CapitalAnswer(), new ChatClientMetadata("openai", new Uri("https://llm.invalid/v1"), "gpt-4o-mini"));
        using var chat = new ChatClientBuilder(canned)
            .UseOpenTelemetry(sourceName: sourceName + ".chat", configure: c => c.EnableSensitiveData = true)
            .Build();

        string traceId, rootId;
        ChatResponse answer;
        // Started now, like the chat client's own activity under it: a trace's observations are read within two days
        // of its timestamp when any are there (TraceTree.ObservationWindow), as Langfuse reads them.
        using (var root = source.StartActivity("answer-question", ActivityKind.Internal) ?? throw new InvalidOperationException($"No listener sampled activity source {source.Name}."))
        {
            (traceId, rootId) = (root.TraceId.ToHexString(), root.SpanId.ToHexString());
            answer = await chat.GetResponseAsync(
                [new(ChatRole.System, "Answer in one word."), new(ChatRole.User, "What is the capital of France?")],
                new ChatOptions { Temperature = 0.5f, MaxOutputTokens = 64 });
        }

        Assert.True(provider.ForceFlush(10_000), "the export processor did not flush");
        Assert.Equal("Paris.", answer.Text);
        Assert.Equal(2, exporter.Exports.Count);
        Assert.All(exporter.Exports, e => Assert.Equal(ExportResult.Success, e.Result));

        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var trace = await Poll.UntilAsync(client, $"/api/public/traces/{traceId}", t => t.GetProperty("observations").GetArrayLength() == 2);
        Assert.Equal("answer-question", trace.GetProperty("name").GetString());
        var generationId = Assert.Single(trace.GetProperty("observations").EnumerateArray(), o => o.GetProperty("type").GetString() == "GENERATION").GetProperty("id").GetString()!;

        var generation = await Tenant.ReadAsync(await client.GetAsync($"/api/public/observations/{generationId}"), System.Net.HttpStatusCode.OK);
        Assert.Equal((traceId, rootId), (generation.GetProperty("traceId").GetString(), generation.GetProperty("parentObservationId").GetString()));
        Assert.Equal("chat gpt-4o-mini", generation.GetProperty("name").GetString());
        Assert.Equal(("gpt-4o-mini-2024-07-18", "openai-gpt-4o-mini"), (generation.GetProperty("model").GetString(), generation.GetProperty("modelId").GetString()));
        Assert.Equal(0.5, generation.GetProperty("modelParameters").GetProperty("temperature").GetDouble());
        Assert.Equal(64, generation.GetProperty("modelParameters").GetProperty("max_tokens").GetInt32());

        var input = generation.GetProperty("input");
        Assert.Equal(["system", "user"], input.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("What is the capital of France?", Text(input[1]));
        var output = Assert.Single(generation.GetProperty("output").EnumerateArray());
        Assert.Equal(("assistant", "Paris."), (output.GetProperty("role").GetString(), Text(output)));

        // 1,000 input tokens of which 400 were cached, 200 output tokens of which 50 were reasoning.
        Assert.Equal(
            Usage(("input", 600), ("input_cached_tokens", 400), ("output", 150), ("output_reasoning_tokens", 50), ("total", 1200)),
            Counts(generation.GetProperty("usageDetails")));
        Assert.Equal(0.00024m, generation.GetProperty("calculatedTotalCost").GetDecimal());
        Assert.Equal(0.00003m, generation.GetProperty("costDetails").GetProperty("input_cached_tokens").GetDecimal());
    }

    [Fact]
    public async Task OtlpExporter_GzipCompressed_StreamedChatArrivesWhole()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        var sourceName = UniqueSourceName();
        var exporter = new RecordingOtlpTraceExporter(ExporterOptions(tenant, OtlpExportCompression.GZip));
        using var provider = OpenTelemetry.Sdk.CreateTracerProviderBuilder()
            .AddSource(sourceName)
            .AddProcessor(new SimpleActivityExportProcessor(exporter))
            .Build();
        var canned = new CannedChatClient(CapitalAnswer(), new ChatClientMetadata("openai", defaultModelId: "gpt-4o-mini"));
        using var chat = new ChatClientBuilder(canned).UseOpenTelemetry(sourceName: sourceName, configure: c => c.EnableSensitiveData = true).Build();

        var streamed = new StringBuilder();
        await foreach (var update in chat.GetStreamingResponseAsync("What is the capital of France?"))
        {
            streamed.Append(update.Text);
        }

        Assert.True(provider.ForceFlush(10_000), "the export processor did not flush");
        Assert.Equal("Paris.", streamed.ToString());
        Assert.Equal((ExportResult.Success, 1L), Assert.Single(exporter.Exports));

        var call = Assert.Single(canned.Calls);
        var span = Assert.IsType<ActivityContext>(call.Activity);
        var (traceId, generationId) = (span.TraceId.ToHexString(), span.SpanId.ToHexString());

        // The chat span is the root here, so it names the trace and lends it its messages.
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        var trace = await Poll.UntilAsync(client, $"/api/public/traces/{traceId}", t => t.GetProperty("observations").GetArrayLength() == 1);
        Assert.Equal("chat gpt-4o-mini", trace.GetProperty("name").GetString());
        Assert.Equal("What is the capital of France?", Text(trace.GetProperty("input")[0]));
        Assert.Equal("Paris.", Text(trace.GetProperty("output")[0]));
        var generation = await Tenant.ReadAsync(await client.GetAsync($"/api/public/observations/{generationId}"), System.Net.HttpStatusCode.OK);
        Assert.Equal(("GENERATION", JsonValueKind.Null), (generation.GetProperty("type").GetString(), generation.GetProperty("parentObservationId").ValueKind));
        Assert.Equal("gpt-4o-mini-2024-07-18", generation.GetProperty("model").GetString());
        Assert.Equal("Paris.", Text(generation.GetProperty("output")[0]));
        Assert.Equal(0.00024m, generation.GetProperty("calculatedTotalCost").GetDecimal());
    }

    private static string UniqueSourceName() => "Sightline.Tests." + Guid.NewGuid().ToString("N");

    private OtlpExporterOptions ExporterOptions(Tenant tenant, OtlpExportCompression compression)
    {
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{tenant.PublicKey}:{tenant.SecretKey}"));
        return new OtlpExporterOptions
        {
            Endpoint = new Uri(Server.BaseAddress, "/api/public/otel/v1/traces"),
            Protocol = OtlpExportProtocol.HttpProtobuf,
            Headers = "Authorization=Basic " + credentials,
            Compression = compression,
            TimeoutMilliseconds = 10_000,
        };
    }

    private static Activity StartActivity(ActivitySource source, string name, ActivityKind kind, ActivityContext parent, int offsetMilliseconds) =>
        source.StartActivity(name, kind, parent, startTime: Start.AddMilliseconds(offsetMilliseconds))
        ?? throw new InvalidOperationException($"No listener sampled activity source {source.Name}.");

    /// <summary>What the canned model answers: the usage counts include their cached and reasoning parts.</summary>
    private static ChatResponse CapitalAnswer() => new(new ChatMessage(ChatRole.Assistant, "Paris."))
    {
        ResponseId = "chatcmpl-123",
        ModelId = "gpt-4o-mini-2024-07-18",
        FinishReason = ChatFinishReason.Stop,
        Usage = new UsageDetails
        {
            InputTokenCount = 1000,
            OutputTokenCount = 200,
            TotalTokenCount = 1200,
            CachedInputTokenCount = 400,
            ReasoningTokenCount = 50,
        },
    };

    /// <summary>The text of an OpenTelemetry GenAI message: its text parts joined.</summary>
    private static string Text(JsonElement message) =>
        string.Concat(message.GetProperty("parts").EnumerateArray()
            .Where(p => p.GetProperty("type").GetString() == "text")
            .Select(p => p.GetProperty("content").GetString()));

    private static string? ParentId(JsonElement observation) =>
        observation.GetProperty("parentObservationId") is { ValueKind: JsonValueKind.String } parent ? parent.GetString() : null;

    private static SortedDictionary<string, long> Usage(params (string Key, long Value)[] counts) =>
        new(counts.ToDictionary(c => c.Key, c => c.Value), StringComparer.Ordinal);

    private static SortedDictionary<string, long> Counts(JsonElement usage) =>
        new(usage.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()), StringComparer.Ordinal);
}
