using Sightline.Ingestion;
using static Sightline.Core.Tests.Otel.OtelMapping;
using static Sightline.Core.Tests.Otel.OtlpJsonBuilder;

namespace Sightline.Core.Tests.Otel;

/// <summary>The §5 rules one at a time, on single spans.</summary>
public sealed class OtelSpanMapperRuleTests
{
    private static IngestionEvent Observation(IReadOnlyList<IngestionEvent> events) =>
        Assert.Single(events, e => e.Type.Kind == EntityKind.Observation);

    private static IngestionEvent ObservationOf(params (string Key, object Value)[] attributes) =>
        Observation(FromJson(Span(attributes)));

    [Theory]
    [InlineData("generation", null, "generation-create")]
    [InlineData("AGENT", null, "agent-create")]
    [InlineData("event", null, "event-create")]
    [InlineData("banana", null, "span-create")]
    [InlineData(null, "openinference.span.kind=RETRIEVER", "retriever-create")]
    [InlineData(null, "openinference.span.kind=LLM", "generation-create")]
    [InlineData(null, "gen_ai.operation.name=embeddings", "embedding-create")]
    [InlineData(null, "gen_ai.operation.name=invoke_agent", "agent-create")]
    [InlineData(null, "gen_ai.operation.name=execute_tool", "tool-create")]
    [InlineData(null, "gen_ai.operation.name=chat", "generation-create")]
    [InlineData(null, "ai.operationId=ai.toolCall", "tool-create")]
    [InlineData(null, "ai.operationId=ai.embedMany.doEmbed", "embedding-create")]
    [InlineData(null, "gen_ai.tool.call.id=call_1", "tool-create")]
    [InlineData(null, "llm.model_name=gpt-4o", "generation-create")]
    [InlineData(null, "http.method=GET", "span-create")]
    public void ObservationType_FollowsTheRulesInOrder(string? declared, string? other, string expected)
    {
        var attributes = new List<(string, object)>();
        if (declared is not null)
        {
            attributes.Add(("langfuse.observation.type", declared));
        }

        if (other is not null)
        {
            var parts = other.Split('=');
            attributes.Add((parts[0], parts[1]));
        }

        Assert.Equal(expected, Observation(FromJson(Span(attributes))).Type.Name);
    }

    [Fact]
    public void ObservationType_DeclaredTypeWinsOverOpenInferenceKind() =>
        Assert.Equal("chain-create", ObservationOf(("langfuse.observation.type", "chain"), ("openinference.span.kind", "LLM")).Type.Name);

    [Theory]
    [InlineData("TRACE", 0, "DEBUG")]
    [InlineData("info", 2, "DEFAULT")]
    [InlineData("SUCCESS", 0, "DEFAULT")]
    [InlineData("WARN", 0, "WARNING")]
    [InlineData("fatal", 0, "ERROR")]
    [InlineData("CRITICAL", 0, "ERROR")]
    [InlineData(null, 2, "ERROR")]
    [InlineData(null, 1, "DEFAULT")]
    [InlineData("LOUD", 2, "ERROR")]
    public void Level_FromLangfuseAttributeWithAliases_ElseStatusCode(string? level, int statusCode, string expected)
    {
        (string, object)[] attributes = level is null ? [] : [("langfuse.observation.level", level)];

        Assert.Equal(expected, Observation(FromJson(Span(attributes, statusCode: statusCode))).Str("level"));
    }

    [Fact]
    public void Times_OnlyEndSent_StartIsEnd_NeitherSent_BothAreNow()
    {
        var onlyEnd = Observation(FromJson(Span([], start: null, end: "1718000001234567890")));
        Assert.Equal("2024-06-10T06:13:21.234Z", onlyEnd.Str("startTime"));
        Assert.Equal("2024-06-10T06:13:21.234Z", onlyEnd.Str("endTime"));

        var none = Observation(FromJson(Span([], start: null, end: null)));
        Assert.Equal("2024-07-01T12:00:00.000Z", none.Str("startTime"));
        Assert.Equal("2024-07-01T12:00:00.000Z", none.Str("endTime"));
        Assert.Equal(Now.UtcDateTime, none.Timestamp);
    }

    [Fact]
    public void AsRoot_SpanWithAParent_CreatesTheFullTrace_AndKeepsItsParentId()
    {
        var events = FromJson(Span([("langfuse.internal.as_root", "true"), ("langfuse.observation.input", "\"hello\"")]));

        var trace = Single(events, "trace-create", TraceId);
        Assert.Equal("test-span", trace.Str("name"));
        Assert.Equal("hello", trace.Str("input"));
        Assert.Equal(ParentId, Observation(events).Str("parentObservationId"));
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public void TraceInputOutput_ExplicitAttributesWinOverTheObservations()
    {
        var events = FromJson(Span(
            [("langfuse.trace.input", "{\"q\":1}"), ("langfuse.trace.output", "done"), ("langfuse.observation.input", "\"obs\"")],
            parentSpanId: null));

        var trace = Single(events, "trace-create", TraceId);
        Assert.Equal(1, trace.Get("input").GetProperty("q").GetInt32());
        Assert.Equal("done", trace.Str("output"));
        Assert.Equal("obs", Observation(events).Str("input"));
    }

    [Theory]
    [InlineData("langfuse.trace.tags", "[\"a\",\"b\"]")]
    [InlineData("langfuse.trace.tags", "a, b")]
    [InlineData("langfuse.tags", "a,b,a")]
    [InlineData("ai.telemetry.metadata.tags", "[\"a\",\"b\"]")]
    public void Tags_AcceptJsonArrayStringsAndCommaLists(string key, string value)
    {
        var trace = Single(FromJson(Span([(key, value)])), "trace-create", TraceId);

        Assert.Equal(["a", "b"], trace.Get("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void Tags_SingleStringIsOneTag_PublicAcceptsTheString()
    {
        var trace = Single(FromJson(Span([("langfuse.trace.tags", "solo"), ("langfuse.trace.public", "true")])), "trace-create", TraceId);

        Assert.Equal(["solo"], trace.Get("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.True(trace.Get("public").GetBoolean());
    }

    [Fact]
    public void CompatTraceKeys_UpdateTheTraceFromAChildSpan()
    {
        var events = FromJson(Span([
            ("langfuse.observation.metadata.langfuse_user_id", "u-1"),
            ("gen_ai.conversation.id", "conv-9"),
            ("tag.tags", "[\"x\"]"),
        ]));

        var trace = Single(events, "trace-create", TraceId);
        Assert.Equal(("u-1", "conv-9"), (trace.Str("userId"), trace.Str("sessionId")));
        Assert.Equal(["x"], trace.Get("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(trace.Has("name")); // not a root: only what the span states about the trace
        Assert.Equal($"{TraceId}-{SpanId}-trace", trace.Id);
    }

    [Fact]
    public void Environment_SpanAttributeBeatsResource_InvalidFallsBackToDefault()
    {
        var fromSpan = Observation(FromJson(Span([("deployment.environment.name", "langfuse-Dev")], resource: [("langfuse.environment", "prod")])));
        Assert.Equal("dev", fromSpan.Str("environment"));

        var fromResource = Observation(FromJson(Span([], resource: [("deployment.environment", "prod")])));
        Assert.Equal("prod", fromResource.Str("environment"));

        var invalid = Observation(FromJson(Span([("langfuse.environment", "has space")])));
        Assert.Equal("default", invalid.Str("environment"));
    }

    [Fact]
    public void Prompt_OnlyLinkedForGenerations_AndOnlyAsAPair()
    {
        var span = ObservationOf(("langfuse.observation.type", "span"), ("langfuse.observation.prompt.name", "p"), ("langfuse.observation.prompt.version", 2));
        Assert.Equal("generation-create", span.Type.Name); // a prompt is a generation attribute (Python ≤ 3.3)

        var tool = ObservationOf(("langfuse.observation.type", "tool"), ("langfuse.prompt.name", "p"), ("langfuse.prompt.version", 2));
        Assert.False(tool.Has("promptName"));

        var half = ObservationOf(("langfuse.observation.type", "generation"), ("langfuse.observation.prompt.name", "p"));
        Assert.False(half.Has("promptName"));
        Assert.False(half.Has("promptVersion"));

        var compat = ObservationOf(("langfuse.observation.type", "generation"), ("langfuse.prompt.name", "p"), ("langfuse.prompt.version", "4"));
        Assert.Equal(("p", 4), (compat.Str("promptName"), compat.Get("promptVersion").GetInt32()));
    }

    [Fact]
    public void Metadata_ObservationObjectAndKeys_RawAttributesForOtherScopes_AndResourceTraceMetadata()
    {
        var observation = Observation(FromJson(Span(
            [("langfuse.observation.metadata", "{\"a\":1,\"b\":\"x\"}"), ("langfuse.observation.metadata.b", "y"), ("http.status", 200)],
            resource: [("langfuse.trace.metadata.region", "eu")])));

        var metadata = observation.Get("metadata");
        Assert.Equal(1, metadata.GetProperty("a").GetInt32());
        Assert.Equal("y", metadata.GetProperty("b").GetString());
        Assert.Equal("eu", metadata.GetProperty("region").GetString());
        Assert.Equal("200", metadata.GetProperty("attributes").GetProperty("http.status").GetString());
        Assert.False(metadata.GetProperty("attributes").TryGetProperty("langfuse.observation.metadata.b", out _));
        Assert.Equal("test-instrumentation", metadata.GetProperty("scope").GetProperty("name").GetString());
    }

    [Fact]
    public void VercelAi_DoGenerate_MapsNameModelUsageIoCompletionStartAndTraceUser()
    {
        var events = FromJson(Span([
            ("ai.operationId", "ai.generateText.doGenerate"),
            ("ai.telemetry.functionId", "summarize"),
            ("ai.model.id", "gpt-4.1"),
            ("ai.usage.promptTokens", 11),
            ("ai.usage.completionTokens", 7),
            ("ai.prompt.messages", "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}]"),
            ("ai.response.text", "hello"),
            ("ai.response.msToFirstChunk", 250.4),
            ("ai.telemetry.metadata.userId", "vercel-user"),
            ("ai.telemetry.metadata.langfusePrompt", "{\"name\":\"summary\",\"version\":5}"),
        ]));

        var generation = Single(events, "generation-create", SpanId);
        Assert.Equal("summarize:ai.generateText.doGenerate", generation.Str("name"));
        Assert.Equal("gpt-4.1", generation.Str("model"));
        Assert.Equal((11, 7), (generation.Get("usageDetails").GetProperty("input").GetInt32(), generation.Get("usageDetails").GetProperty("output").GetInt32()));
        Assert.Equal("hi", generation.Get("input")[0].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("hello", generation.Str("output"));
        Assert.Equal("2024-06-10T06:13:20.250Z", generation.Str("completionStartTime"));
        Assert.Equal(("summary", 5), (generation.Str("promptName"), generation.Get("promptVersion").GetInt32()));
        Assert.Equal("vercel-user", Single(events, "trace-create", TraceId).Str("userId"));
    }

    [Fact]
    public void VercelAi_AgentSpans_CarryNoModelUsageOrCost()
    {
        var observation = ObservationOf(
            ("ai.operationId", "ai.generateText"), ("gen_ai.operation.name", "invoke_agent"), ("ai.model.id", "gpt-4.1"),
            ("gen_ai.usage.input_tokens", 5), ("gen_ai.usage.cost", 0.1));

        Assert.Equal("agent-create", observation.Type.Name);
        Assert.False(observation.Has("model"));
        Assert.False(observation.Has("usageDetails"));
        Assert.False(observation.Has("costDetails"));
    }

    [Fact]
    public void Cost_FromGenAiUsageCost_AndToolName()
    {
        var observation = ObservationOf(("gen_ai.tool.name", "search"), ("gen_ai.usage.cost", 0.25), ("gen_ai.tool.call.arguments", "{\"q\":\"x\"}"));

        Assert.Equal("tool-create", observation.Type.Name);
        Assert.Equal("search", observation.Str("name"));
        Assert.Equal(0.25m, observation.Get("costDetails").GetProperty("total").GetDecimal());
        Assert.Equal("x", observation.Get("input").GetProperty("q").GetString());
    }

    [Fact]
    public void GenAiUsage_ConventionDetailCounts_AreCarvedOutOfInputAndOutput()
    {
        // As Microsoft.Extensions.AI reports a call: the detail counts are parts of the input and output counts.
        var observation = ObservationOf(
            ("gen_ai.request.model", "gpt-4o-mini"),
            ("gen_ai.usage.input_tokens", 1000),
            ("gen_ai.usage.output_tokens", 200),
            ("gen_ai.usage.cache_read.input_tokens", 300),
            ("gen_ai.usage.cache_creation.input_tokens", 100),
            ("gen_ai.usage.reasoning.output_tokens", 50),
            ("gen_ai.usage.output_audio_tokens", 20));

        var usage = observation.Get("usageDetails").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["input"] = 600,
                ["input_cached_tokens"] = 300,
                ["input_cache_creation"] = 100,
                ["output"] = 130,
                ["output_reasoning_tokens"] = 50,
                ["output_audio_tokens"] = 20,
            },
            usage);
    }

    [Fact]
    public void GenAiEvents_BuildInputMessagesAndOutputChoice()
    {
        var observation = Observation(FromJson(Span(
            [("gen_ai.request.model", "gemini-2.0")],
            events: [
                Event("gen_ai.system.message", ("content", "Be kind.")),
                Event("gen_ai.user.message", ("content", "Hi")),
                Event("gen_ai.choice", ("index", 0), ("message", "{\"role\":\"assistant\",\"content\":\"Hey\"}")),
            ])));

        Assert.Equal("""[{"content":"Be kind.","role":"system"},{"content":"Hi","role":"user"}]""", observation.Get("input").GetRawText());
        Assert.Equal("Hey", observation.Get("output").GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public void GenAiMessages_SystemInstructionsArePrepended()
    {
        var observation = ObservationOf(
            ("gen_ai.system_instructions", "Be brief."),
            ("gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi\"}]}]"),
            ("gen_ai.output.messages", "[{\"role\":\"assistant\"}]"));

        Assert.Equal("system", observation.Get("input")[0].GetProperty("role").GetString());
        Assert.Equal("Be brief.", observation.Get("input")[0].GetProperty("content").GetString());
        Assert.Equal("user", observation.Get("input")[1].GetProperty("role").GetString());
        Assert.Equal("assistant", observation.Get("output")[0].GetProperty("role").GetString());
    }

    [Fact]
    public void Traceloop_EntityInputOutput_AndCompletionStartFromPython()
    {
        var observation = ObservationOf(
            ("traceloop.entity.input", "{\"inputs\":{\"x\":1}}"),
            ("traceloop.entity.output", "{\"outputs\":2}"),
            ("langfuse.observation.completion_start_time", "\"2024-06-10T06:13:20.123456\""));

        Assert.Equal(1, observation.Get("input").GetProperty("inputs").GetProperty("x").GetInt32());
        Assert.Equal(2, observation.Get("output").GetProperty("outputs").GetInt32());
        Assert.Equal("2024-06-10T06:13:20.123Z", observation.Str("completionStartTime"));
    }

    [Fact]
    public void OneShallowTracePerTraceId_FromItsEarliestSpan()
    {
        var json = """
            {"resourceSpans":[{"scopeSpans":[{"spans":[
              {"traceId":"aa","spanId":"02","parentSpanId":"01","startTimeUnixNano":"2000000000"},
              {"traceId":"aa","spanId":"03","parentSpanId":"01","startTimeUnixNano":"1000000000"},
              {"traceId":"bb","spanId":"04","parentSpanId":"01","startTimeUnixNano":"1000000000"}]}]}]}
            """;

        var traces = FromJson(json).Where(e => e.Type.Kind == EntityKind.Trace).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();

        Assert.Equal(["aa-03-shallow-trace", "bb-04-shallow-trace"], traces.Select(t => t.Id));
        Assert.Equal("1970-01-01T00:00:01.000Z", traces[0].Str("timestamp"));
    }
}
