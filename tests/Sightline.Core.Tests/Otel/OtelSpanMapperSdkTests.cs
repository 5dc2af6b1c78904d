using System.Text.Json;
using static Sightline.Core.Tests.Otel.OtelMapping;
using static Sightline.Core.Tests.Otel.OtlpPayloads;

namespace Sightline.Core.Tests.Otel;

/// <summary>Exports as the Langfuse SDKs and common instrumentations send them, mapped to batch events.</summary>
public sealed class OtelSpanMapperSdkTests
{
    [Fact]
    public void JsSdk_RootSpan_CreatesTraceWithNameUserSessionTagsMetadataAndIo()
    {
        var events = FromJson(JsSdk);

        var trace = Assert.Single(events, e => e.Id == $"{JsTraceId}-{JsRootSpanId}-trace");
        Assert.Equal("trace-create", trace.Type.Name);
        Assert.Equal(JsTraceId, trace.Str("id"));
        Assert.Equal(new DateTime(2024, 6, 10, 6, 13, 20, DateTimeKind.Utc), trace.Timestamp);
        Assert.Equal("2024-06-10T06:13:20.000Z", trace.Str("timestamp"));
        Assert.Equal("support-chat", trace.Str("name"));
        Assert.Equal("user-42", trace.Str("userId"));
        Assert.Equal("session-7", trace.Str("sessionId"));
        Assert.Equal(["beta", "support"], trace.Get("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("acme", trace.Get("metadata").GetProperty("tenant").GetString());
        Assert.Equal("2", trace.Get("metadata").GetProperty("attempt").GetString());
        Assert.Equal("Where is my order?", trace.Get("input").GetProperty("question").GetString());
        Assert.Equal("It ships tomorrow.", trace.Str("output"));
        Assert.Equal("v1.2.3", trace.Str("release"));
        Assert.Equal("2024-06", trace.Str("version"));
        Assert.Equal("production", trace.Str("environment"));
        Assert.False(trace.Has("public"));

        var root = Single(events, "span-create", JsRootSpanId);
        Assert.Equal($"{JsTraceId}-{JsRootSpanId}-observation", root.Id);
        Assert.Equal(JsTraceId, root.Str("traceId"));
        Assert.False(root.Has("parentObservationId"));
        Assert.Equal("chat-pipeline", root.Str("name"));
        Assert.Equal("2024-06-10T06:13:20.000Z", root.Str("startTime"));
        Assert.Equal("2024-06-10T06:13:22.500Z", root.Str("endTime"));
        Assert.Equal("DEFAULT", root.Str("level"));
        Assert.Equal("production", root.Str("environment"));
        Assert.Equal("Where is my order?", root.Get("input").GetProperty("question").GetString());
        var metadata = root.Get("metadata");
        Assert.Equal("pipeline", metadata.GetProperty("step").GetString());
        Assert.False(metadata.TryGetProperty("attributes", out _)); // langfuse-sdk scope: attributes are all mapped
        Assert.Equal("support-bot", metadata.GetProperty("resourceAttributes").GetProperty("service.name").GetString());
        Assert.Equal("langfuse-sdk", metadata.GetProperty("scope").GetProperty("name").GetString());
        Assert.Equal("4.2.0", metadata.GetProperty("scope").GetProperty("version").GetString());
        Assert.Equal("pk-lf-123", metadata.GetProperty("scope").GetProperty("attributes").GetProperty("public_key").GetString());
        Assert.False(root.Has("model"));
        Assert.DoesNotContain(events, e => e.Id.EndsWith("shallow-trace", StringComparison.Ordinal));
    }

    [Fact]
    public void JsSdk_ChildGeneration_MapsModelUsageCostPromptLevelAndTimes()
    {
        var events = FromJson(JsSdk);

        var generation = Single(events, "generation-create", JsGenerationSpanId);
        Assert.Equal(new DateTime(2024, 6, 10, 6, 13, 20, 500, DateTimeKind.Utc), generation.Timestamp);
        Assert.Equal(JsTraceId, generation.Str("traceId"));
        Assert.Equal(JsRootSpanId, generation.Str("parentObservationId"));
        Assert.Equal("llm-call", generation.Str("name"));
        Assert.Equal("2024-06-10T06:13:20.500Z", generation.Str("startTime"));
        Assert.Equal("2024-06-10T06:13:22.000Z", generation.Str("endTime"));
        Assert.Equal("2024-06-10T06:13:20.800Z", generation.Str("completionStartTime"));
        Assert.Equal("gpt-4o", generation.Str("model"));
        Assert.Equal(0.2, generation.Get("modelParameters").GetProperty("temperature").GetDouble());
        Assert.Equal(256, generation.Get("modelParameters").GetProperty("max_tokens").GetInt32());
        var usage = generation.Get("usageDetails");
        Assert.Equal((120, 30, 150), (usage.GetProperty("input").GetInt32(), usage.GetProperty("output").GetInt32(), usage.GetProperty("total").GetInt32()));
        Assert.Equal(0.0006m, generation.Get("costDetails").GetProperty("input").GetDecimal());
        Assert.Equal(0.0003m, generation.Get("costDetails").GetProperty("output").GetDecimal());
        Assert.Equal("support-prompt", generation.Str("promptName"));
        Assert.Equal(3, generation.Get("promptVersion").GetInt32());
        Assert.Equal("user", generation.Get("input")[0].GetProperty("role").GetString());
        Assert.Equal("It ships tomorrow.", generation.Get("output").GetProperty("content").GetString());
        Assert.Equal("WARNING", generation.Str("level"));
        Assert.Equal("slow upstream", generation.Str("statusMessage"));
        Assert.Equal("production", generation.Str("environment"));

        // The child carries propagated trace attributes: it updates the trace with those, and nothing else.
        var childTrace = Assert.Single(events, e => e.Id == $"{JsTraceId}-{JsGenerationSpanId}-trace");
        Assert.Equal("trace-create", childTrace.Type.Name);
        Assert.Equal(("user-42", "session-7", "support-chat"), (childTrace.Str("userId"), childTrace.Str("sessionId"), childTrace.Str("name")));
        Assert.False(childTrace.Has("input"));
        Assert.False(childTrace.Has("output"));
        Assert.False(childTrace.Has("tags"));
        Assert.Equal(4, events.Count);
    }

    [Fact]
    public void PythonSdk_GenerationsUnderAnUnseenRoot_GetOneShallowTrace_AndResourceEnvironmentAndVersion()
    {
        var events = FromProtobuf(ToProtobuf(PythonSdk));

        var generation = Single(events, "generation-create", "1111111111111111");
        Assert.Equal("aaaaaaaaaaaaaaaa", generation.Str("parentObservationId"));
        Assert.Equal("gpt-4o-mini", generation.Str("model"));
        // OpenAI-shaped usage passes through; the merge converts it as for batch ingestion.
        Assert.Equal(40, generation.Get("usageDetails").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal("staging", generation.Str("environment"));
        Assert.Equal("3.1.0", generation.Str("version"));
        Assert.Equal("\"bm25\"", generation.Get("metadata").GetProperty("retriever").GetString());
        Assert.Equal("2024-06-10T06:13:21.000Z", generation.Str("startTime"));
        Assert.Equal("2024-06-10T06:13:21.250Z", generation.Str("endTime"));

        // Python SDK ≤ 3.3: typed "span" but carrying a model → a generation.
        var legacy = Single(events, "generation-create", "2222222222222222");
        Assert.Equal("claude-3-haiku", legacy.Str("model"));
        Assert.Equal("DEFAULT", legacy.Str("level"));
        Assert.Equal("2024-06-10T06:13:21.250Z", legacy.Str("endTime"));

        var shallow = Assert.Single(events, e => e.Type.Name == "trace-create");
        Assert.Equal($"{PythonTraceId}-1111111111111111-shallow-trace", shallow.Id);
        Assert.Equal(["environment", "id", "timestamp"], shallow.Body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(PythonTraceId, shallow.Str("id"));
        Assert.Equal("2024-06-10T06:13:21.000Z", shallow.Str("timestamp"));
        Assert.Equal("staging", shallow.Str("environment"));
    }

    [Fact]
    public void OpenLlmetry_GenAiOnlySpan_IsAGenerationWithResponseModelUsageAndRebuiltMessages()
    {
        var events = FromJson(OpenLlmetry);

        var generation = Single(events, "generation-create", OpenLlmetrySpanId);
        Assert.Equal("openai.chat", generation.Str("name"));
        Assert.Equal("gpt-4o-mini-2024-07-18", generation.Str("model"));
        Assert.Equal(0.7, generation.Get("modelParameters").GetProperty("temperature").GetDouble());
        Assert.Equal(512, generation.Get("modelParameters").GetProperty("max_tokens").GetInt32());
        Assert.False(generation.Get("modelParameters").TryGetProperty("model", out _));
        var usage = generation.Get("usageDetails");
        Assert.Equal(40, usage.GetProperty("input").GetInt32()); // 50 prompt tokens minus 10 read from cache
        Assert.Equal(12, usage.GetProperty("output").GetInt32());
        Assert.Equal(10, usage.GetProperty("input_cached_tokens").GetInt32());
        Assert.Equal(
            """[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]""",
            generation.Get("input").GetRawText());
        Assert.Equal("""[{"role":"assistant","content":"Hello!","finish_reason":"stop"}]""", generation.Get("output").GetRawText());
        Assert.Equal("openai", generation.Get("metadata").GetProperty("attributes").GetProperty("gen_ai.system").GetString());
        Assert.Equal("0.7", generation.Get("metadata").GetProperty("attributes").GetProperty("gen_ai.request.temperature").GetString());
        Assert.Equal("default", generation.Str("environment"));

        var trace = Single(events, "trace-create", OpenLlmetryTraceId);
        Assert.Equal("openai.chat", trace.Str("name"));
        Assert.Equal("Hi", trace.Get("input")[1].GetProperty("content").GetString());
        Assert.Equal("Hello!", trace.Get("output")[0].GetProperty("content").GetString());
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public void OpenInference_LlmAndFailingToolSpans_MapTypesUsageIoAndErrorLevel()
    {
        var events = FromJson(OpenInference);

        var llm = Single(events, "generation-create", OpenInferenceLlmSpanId);
        Assert.Equal("ChatCompletion", llm.Str("name"));
        Assert.Equal(OpenInferenceParentSpanId, llm.Str("parentObservationId"));
        Assert.Equal("gpt-4o", llm.Str("model"));
        Assert.Equal(0, llm.Get("modelParameters").GetProperty("temperature").GetInt32());
        var usage = llm.Get("usageDetails");
        Assert.Equal((100, 20, 120), (usage.GetProperty("input").GetInt32(), usage.GetProperty("output").GetInt32(), usage.GetProperty("total").GetInt32()));
        Assert.Equal("What is 2+2?", llm.Get("input").GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.String, llm.Get("output").ValueKind);
        Assert.Equal("4", llm.Str("output"));
        Assert.Equal("DEFAULT", llm.Str("level"));
        Assert.Equal("qa", llm.Str("environment"));

        var tool = Single(events, "tool-create", OpenInferenceToolSpanId);
        Assert.Equal("ERROR", tool.Str("level"));
        Assert.Equal("tool timed out", tool.Str("statusMessage"));
        Assert.Equal("2+2", tool.Str("input"));
        Assert.False(tool.Has("model"));

        var shallow = Assert.Single(events, e => e.Type.Name == "trace-create");
        Assert.Equal(OpenInferenceTraceId, shallow.Str("id"));
        Assert.Equal("2024-06-10T06:13:20.500Z", shallow.Str("timestamp"));
        Assert.Equal("qa", shallow.Str("environment"));
        Assert.Equal(3, events.Count);
    }

    [Fact]
    public void ProtobufAndJson_OfTheSameSpans_MapToIdenticalEvents()
    {
        foreach (var payload in All)
        {
            var fromJson = FromJson(payload).Select(Canonical);
            var fromProtobuf = FromProtobuf(ToProtobuf(payload)).Select(Canonical);

            Assert.Equal(fromJson, fromProtobuf);
        }
    }

    [Fact]
    public void EveryEventOfEveryPayload_PassesTheBatchValidator()
    {
        var events = All.SelectMany(FromJson).ToList();

        Assert.Equal(4 + 3 + 2 + 3, events.Count);
        foreach (var e in events)
        {
            AssertValid(e);
        }
    }

    [Fact]
    public void ResentExport_MapsToTheSameEnvelopeIdsAndBodies()
    {
        foreach (var payload in All)
        {
            Assert.Equal(FromJson(payload).Select(Canonical), FromJson(payload).Select(Canonical));
        }
    }
}
