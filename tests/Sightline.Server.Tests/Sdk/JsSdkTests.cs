using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests.Sdk;

/// <summary>
/// The published JavaScript Langfuse SDKs (tests/sdk-js/package.json pins them) driven against the real server: each
/// test runs one node scenario under a fresh project's keys, then reads the trace back through the public API and
/// checks what the SDK meant to record, including the cost the server computes from its built-in price table.
/// </summary>
[Collection(JsSdkServer.Name)]
public sealed class JsSdkTests(SharedServer shared)
{
    // Ingestion is asynchronous (event log, worker, analytics store); a trace normally appears well under a second.
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    private SightlineProcess Server => shared.Server;

    [Fact]
    public async Task LangfuseV3_TraceSpanGenerationEventAndScores_ReadBackWithComputedCost()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var ids = await NodeScript.RunAsync(Server, tenant, "langfuse-v3.mjs");

        var traceId = Text(ids, "traceId");
        var trace = await Poll.UntilAsync(client, $"/api/public/traces/{traceId}",
            t => Count(t, "observations") == 3 && Count(t, "scores") == 2 && t.GetProperty("output").ValueKind == JsonValueKind.Object, ReadTimeout);
        Assert.Equal(traceId, Text(trace, "id"));
        Assert.Equal(("v3-support-answer", "user-v3", Text(ids, "sessionId")), (Text(trace, "name"), Text(trace, "userId"), Text(trace, "sessionId")));
        Assert.Equal(("1.4.0", "v3-release-1", "sdk-v3"), (Text(trace, "version"), Text(trace, "release"), Text(trace, "environment")));
        Assert.Equal(["sdk-js", "v3"], Strings(trace, "tags"));
        Assert.Equal(("gold", 2), (Text(trace.GetProperty("metadata"), "tier"), trace.GetProperty("metadata").GetProperty("attempt").GetInt32()));
        Assert.Equal("Where is my parcel?", Text(trace.GetProperty("input"), "question"));
        Assert.Equal("It arrives tomorrow.", Text(trace.GetProperty("output"), "answer"));
        Assert.Equal(0.00036m, trace.GetProperty("totalCost").GetDecimal());

        var span = Observation(trace, Text(ids, "spanId"));
        Assert.Equal(("SPAN", "retrieve-context", JsonValueKind.Null), (Text(span, "type"), Text(span, "name"), span.GetProperty("parentObservationId").ValueKind));
        Assert.Equal("parcel status", Text(span.GetProperty("input"), "query"));
        Assert.Equal(3, span.GetProperty("output").GetProperty("documents").GetInt32());
        Assert.Equal("orders", Text(span.GetProperty("metadata"), "index"));

        var generation = Observation(trace, Text(ids, "generationId"));
        Assert.Equal(("GENERATION", "draft-answer", Text(ids, "spanId")), (Text(generation, "type"), Text(generation, "name"), Text(generation, "parentObservationId")));
        Assert.Equal("gpt-4o-mini", Text(generation, "model"));
        Assert.Equal((0.2m, 256), (generation.GetProperty("modelParameters").GetProperty("temperature").GetDecimal(), generation.GetProperty("modelParameters").GetProperty("maxTokens").GetInt32()));
        Assert.Equal("It arrives tomorrow.", Text(generation.GetProperty("output"), "content"));
        Assert.Equal("Where is my parcel?", Text(generation.GetProperty("input")[0], "content"));
        Assert.Equal(new Dictionary<string, long> { ["input"] = 1200, ["output"] = 300, ["total"] = 1500 }, Usage(generation));
        Assert.Equal(new Dictionary<string, decimal> { ["input"] = 0.00018m, ["output"] = 0.00018m, ["total"] = 0.00036m }, Costs(generation));
        Assert.Equal(0.00036m, generation.GetProperty("calculatedTotalCost").GetDecimal());
        Assert.Equal(JsonValueKind.String, generation.GetProperty("modelId").ValueKind);
        // The SDK stamps the generation's update before its create (see EventMerger): start time and environment
        // must still come from the create.
        Assert.Equal("sdk-v3", Text(generation, "environment"));
        Assert.True(generation.GetProperty("startTime").GetDateTime() <= generation.GetProperty("endTime").GetDateTime());
        Assert.True(generation.GetProperty("startTime").GetDateTime() >= span.GetProperty("startTime").GetDateTime());

        var @event = Observation(trace, Text(ids, "eventId"));
        Assert.Equal(("EVENT", "cache-miss", Text(ids, "spanId")), (Text(@event, "type"), Text(@event, "name"), Text(@event, "parentObservationId")));
        Assert.Equal(("WARNING", "no cached answer"), (Text(@event, "level"), Text(@event, "statusMessage")));
        Assert.Equal("parcel-42", Text(@event.GetProperty("metadata"), "key"));

        var helpfulness = Score(trace, Text(ids, "traceScoreId"));
        Assert.Equal(("helpfulness", "NUMERIC", 0.85, "clear answer"), (Text(helpfulness, "name"), Text(helpfulness, "dataType"), helpfulness.GetProperty("value").GetDouble(), Text(helpfulness, "comment")));
        Assert.Equal(JsonValueKind.Null, helpfulness.GetProperty("observationId").ValueKind);
        var tone = Score(trace, Text(ids, "generationScoreId"));
        Assert.Equal(("tone", "CATEGORICAL", "friendly", Text(ids, "generationId")), (Text(tone, "name"), Text(tone, "dataType"), Text(tone, "stringValue"), Text(tone, "observationId")));
    }

    [Theory]
    [InlineData("v5")]
    [InlineData("v4")]
    public async Task TracingAndOtel_NestedObservationsWithTraceAttributes_ReadBackWithComputedCost(string sdkGeneration)
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var ids = await NodeScript.RunAsync(Server, tenant, "tracing-otel.mjs", sdkGeneration);

        var traceId = Text(ids, "traceId");
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        var expectedScores = sdkGeneration == "v5" ? 2 : 0;
        var trace = await Poll.UntilAsync(client, $"/api/public/traces/{traceId}",
            t => Count(t, "observations") == 4 && Count(t, "scores") == expectedScores && t.GetProperty("output").ValueKind == JsonValueKind.Object, ReadTimeout);
        Assert.Equal(("otel-rag-pipeline", "user-otel", Text(ids, "sessionId")), (Text(trace, "name"), Text(trace, "userId"), Text(trace, "sessionId")));
        Assert.Equal(("2.1.0", "otel-release-7", $"sdk-otel-{sdkGeneration}"), (Text(trace, "version"), Text(trace, "release"), Text(trace, "environment")));
        Assert.Equal(["otel", "sdk-js"], Strings(trace, "tags"));
        Assert.Equal("acme", Text(trace.GetProperty("metadata"), "tenant"));
        Assert.Equal("Which plan fits a team of five?", Text(trace.GetProperty("input"), "question"));
        Assert.Equal("The Team plan.", Text(trace.GetProperty("output"), "answer"));
        Assert.Equal(0.0006m, trace.GetProperty("totalCost").GetDecimal());

        var rootId = Text(ids, "rootId");
        var root = Observation(trace, rootId);
        Assert.Equal(("SPAN", "handle-question", JsonValueKind.Null), (Text(root, "type"), Text(root, "name"), root.GetProperty("parentObservationId").ValueKind));
        Assert.Equal("/ask", Text(root.GetProperty("metadata"), "route"));
        Assert.Equal($"sdk-otel-{sdkGeneration}", Text(root, "environment"));

        var retriever = Observation(trace, Text(ids, "retrieverId"));
        Assert.Equal(("RETRIEVER", "search-docs", rootId), (Text(retriever, "type"), Text(retriever, "name"), Text(retriever, "parentObservationId")));
        Assert.Equal(["pricing.md", "teams.md"], Strings(retriever.GetProperty("output"), "documents"));

        var generation = Observation(trace, Text(ids, "generationId"));
        Assert.Equal(("GENERATION", "compose-answer", rootId), (Text(generation, "type"), Text(generation, "name"), Text(generation, "parentObservationId")));
        Assert.Equal("gpt-4o-mini", Text(generation, "model"));
        Assert.Equal((0.1m, 300), (generation.GetProperty("modelParameters").GetProperty("temperature").GetDecimal(), generation.GetProperty("modelParameters").GetProperty("max_tokens").GetInt32()));
        Assert.Equal("The Team plan.", Text(generation.GetProperty("output"), "content"));
        Assert.Equal(new Dictionary<string, long> { ["input"] = 2000, ["output"] = 500, ["total"] = 2500 }, Usage(generation));
        Assert.Equal(new Dictionary<string, decimal> { ["input"] = 0.0003m, ["output"] = 0.0003m, ["total"] = 0.0006m }, Costs(generation));

        var @event = Observation(trace, Text(ids, "eventId"));
        Assert.Equal(("EVENT", "guardrail-passed", rootId, "DEBUG"), (Text(@event, "type"), Text(@event, "name"), Text(@event, "parentObservationId"), Text(@event, "level")));
        Assert.Equal(3, @event.GetProperty("metadata").GetProperty("checks").GetInt32());

        if (sdkGeneration == "v5")
        {
            var scores = trace.GetProperty("scores").EnumerateArray().ToDictionary(s => Text(s, "name"));
            Assert.Equal((0.75, "grounded", Text(ids, "generationId")), (scores["faithfulness"].GetProperty("value").GetDouble(), Text(scores["faithfulness"], "comment"), Text(scores["faithfulness"], "observationId")));
            Assert.Equal(("BOOLEAN", 1.0, "True"), (Text(scores["thumbs-up"], "dataType"), scores["thumbs-up"].GetProperty("value").GetDouble(), Text(scores["thumbs-up"], "stringValue")));
            Assert.Equal(JsonValueKind.Null, scores["thumbs-up"].GetProperty("observationId").ValueKind);
            Assert.All(scores.Values, s => Assert.Equal(traceId, Text(s, "traceId")));
        }
    }

    [Fact]
    public async Task LangChainChain_BecomesATraceWithTheChainAsRootAndItsStepsNested()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var ids = await NodeScript.RunAsync(Server, tenant, "langchain.mjs");

        var answer = Text(ids, "output");
        var trace = await Poll.UntilAsync(client, $"/api/public/traces/{Text(ids, "traceId")}",
            t => Count(t, "observations") == 4 && t.GetProperty("output").ValueKind == JsonValueKind.String, ReadTimeout);
        Assert.Equal(("joke-chain", "user-langchain", Text(ids, "sessionId")), (Text(trace, "name"), Text(trace, "userId"), Text(trace, "sessionId")));
        Assert.Equal(("3.0.1", "sdk-langchain"), (Text(trace, "version"), Text(trace, "environment")));
        Assert.Equal(["langchain", "sdk-js"], Strings(trace, "tags"));
        Assert.Equal("jokes", Text(trace.GetProperty("metadata"), "team"));
        Assert.Equal("compilers", Text(trace.GetProperty("input"), "topic"));
        Assert.Equal(answer, trace.GetProperty("output").GetString());

        var root = ByName(trace, "joke-chain");
        Assert.Equal(("SPAN", JsonValueKind.Null), (Text(root, "type"), root.GetProperty("parentObservationId").ValueKind));
        var rootId = Text(root, "id");

        var prompt = ByName(trace, "ChatPromptTemplate");
        Assert.Equal(("SPAN", rootId), (Text(prompt, "type"), Text(prompt, "parentObservationId")));
        Assert.Equal("Tell me a joke about compilers.", Text(prompt.GetProperty("output").GetProperty("messages")[1], "content"));

        var generation = ByName(trace, "PricedFakeChatModel");
        Assert.Equal(("GENERATION", rootId, "gpt-4o-mini"), (Text(generation, "type"), Text(generation, "parentObservationId"), Text(generation, "model")));
        Assert.Equal(0.7m, generation.GetProperty("modelParameters").GetProperty("temperature").GetDecimal());
        Assert.Equal(("system", "You tell short jokes."), (Text(generation.GetProperty("input")[0], "role"), Text(generation.GetProperty("input")[0], "content")));
        Assert.Equal(answer, Text(generation.GetProperty("output"), "content"));
        Assert.Equal(new Dictionary<string, long> { ["input"] = 30, ["output"] = 12, ["total"] = 42 }, Usage(generation));
        Assert.Equal(new Dictionary<string, decimal> { ["input"] = 0.0000045m, ["output"] = 0.0000072m, ["total"] = 0.0000117m }, Costs(generation));
        Assert.Equal(0.0000117m, trace.GetProperty("totalCost").GetDecimal());

        var parser = ByName(trace, "StrOutputParser");
        Assert.Equal(("SPAN", rootId, answer), (Text(parser, "type"), Text(parser, "parentObservationId"), parser.GetProperty("output").GetString()));
    }

    [Fact]
    public async Task OpenAiWrapper_AgainstAFakeOpenAiServer_RecordsTheGenerationWithModelUsageAndCost()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        var ids = await NodeScript.RunAsync(Server, tenant, "openai.mjs");

        Assert.Equal("Paris is the capital of France.", Text(ids, "answer"));
        var trace = await Poll.UntilAsync(client, $"/api/public/traces/{Text(ids, "traceId")}",
            t => Count(t, "observations") == 2 && t.GetProperty("userId").ValueKind == JsonValueKind.String && t.GetProperty("totalCost").GetDecimal() > 0, ReadTimeout);
        Assert.Equal(("openai-geo-question", "user-openai", Text(ids, "sessionId")), (Text(trace, "name"), Text(trace, "userId"), Text(trace, "sessionId")));
        Assert.Equal(["openai", "sdk-js"], Strings(trace, "tags"));
        Assert.Equal("sdk-openai", Text(trace, "environment"));

        var rootId = Text(ids, "rootId");
        var root = Observation(trace, rootId);
        Assert.Equal(("SPAN", "answer-geo-question", JsonValueKind.Null), (Text(root, "type"), Text(root, "name"), root.GetProperty("parentObservationId").ValueKind));

        var generation = ByName(trace, "capital-lookup");
        Assert.Equal(("GENERATION", rootId), (Text(generation, "type"), Text(generation, "parentObservationId")));
        Assert.Equal("gpt-4o-mini-2024-07-18", Text(generation, "model"));
        Assert.Equal((0m, 50), (generation.GetProperty("modelParameters").GetProperty("temperature").GetDecimal(), generation.GetProperty("modelParameters").GetProperty("max_tokens").GetInt32()));
        Assert.Equal("What is the capital of France?", Text(generation.GetProperty("input").GetProperty("messages")[1], "content"));
        Assert.Equal("Paris is the capital of France.", Text(generation.GetProperty("output"), "content"));
        Assert.Equal("geo", Text(generation.GetProperty("metadata"), "feature"));
        Assert.Equal(new Dictionary<string, long> { ["input"] = 600, ["output"] = 200, ["total"] = 1200, ["input_cached_tokens"] = 400 }, Usage(generation));
        Assert.Equal(new Dictionary<string, decimal> { ["input"] = 0.00009m, ["output"] = 0.00012m, ["input_cached_tokens"] = 0.00003m, ["total"] = 0.00024m }, Costs(generation));
        Assert.Equal(0.00024m, trace.GetProperty("totalCost").GetDecimal());
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"'{name}' is null in {element}");

    private static int Count(JsonElement trace, string name) => trace.GetProperty(name).GetArrayLength();

    private static List<string?> Strings(JsonElement element, string name) => [.. element.GetProperty(name).EnumerateArray().Select(e => e.GetString())];

    private static JsonElement Observation(JsonElement trace, string id) =>
        trace.GetProperty("observations").EnumerateArray().SingleOrDefault(o => Text(o, "id") == id) is { ValueKind: JsonValueKind.Object } found
            ? found
            : throw new InvalidOperationException($"No observation {id} in {trace}");

    private static JsonElement ByName(JsonElement trace, string name) =>
        trace.GetProperty("observations").EnumerateArray().SingleOrDefault(o => o.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } found
            ? found
            : throw new InvalidOperationException($"No single observation named {name} in {trace}");

    private static JsonElement Score(JsonElement trace, string id) =>
        trace.GetProperty("scores").EnumerateArray().SingleOrDefault(s => Text(s, "id") == id) is { ValueKind: JsonValueKind.Object } found
            ? found
            : throw new InvalidOperationException($"No score {id} in {trace}");

    private static Dictionary<string, long> Usage(JsonElement observation) =>
        observation.GetProperty("usageDetails").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    private static Dictionary<string, decimal> Costs(JsonElement observation) =>
        observation.GetProperty("costDetails").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal());
}
