namespace Sightline.Core.Tests.Otel;

/// <summary>OTLP/JSON exports shaped like what the SDKs and instrumentations send.</summary>
internal static class OtlpPayloads
{
    public const string JsTraceId = "0af7651916cd43dd8448eb211c80319c";
    public const string JsRootSpanId = "b7ad6b7169203331";
    public const string JsGenerationSpanId = "00f067aa0ba902b7";

    /// <summary>
    /// @langfuse/otel v4: a root span with trace attributes and a child generation; <c>propagateAttributes</c> copied
    /// user, session and trace name onto the child. Times as decimal strings, ints as numbers.
    /// </summary>
    public const string JsSdk = """
        {"resourceSpans":[{"resource":{"attributes":[
            {"key":"service.name","value":{"stringValue":"support-bot"}},
            {"key":"telemetry.sdk.language","value":{"stringValue":"nodejs"}}],"droppedAttributesCount":0},
          "scopeSpans":[{"scope":{"name":"langfuse-sdk","version":"4.2.0","attributes":[{"key":"public_key","value":{"stringValue":"pk-lf-123"}}]},
            "spans":[
              {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","name":"chat-pipeline","kind":1,
               "startTimeUnixNano":"1718000000000000000","endTimeUnixNano":"1718000002500000000",
               "attributes":[
                 {"key":"langfuse.observation.type","value":{"stringValue":"span"}},
                 {"key":"langfuse.trace.name","value":{"stringValue":"support-chat"}},
                 {"key":"user.id","value":{"stringValue":"user-42"}},
                 {"key":"session.id","value":{"stringValue":"session-7"}},
                 {"key":"langfuse.trace.tags","value":{"arrayValue":{"values":[{"stringValue":"beta"},{"stringValue":"support"}]}}},
                 {"key":"langfuse.trace.metadata.tenant","value":{"stringValue":"acme"}},
                 {"key":"langfuse.trace.metadata.attempt","value":{"stringValue":"2"}},
                 {"key":"langfuse.observation.input","value":{"stringValue":"{\"question\":\"Where is my order?\"}"}},
                 {"key":"langfuse.observation.output","value":{"stringValue":"\"It ships tomorrow.\""}},
                 {"key":"langfuse.observation.metadata.step","value":{"stringValue":"pipeline"}},
                 {"key":"langfuse.environment","value":{"stringValue":"Production"}},
                 {"key":"langfuse.release","value":{"stringValue":"v1.2.3"}},
                 {"key":"langfuse.version","value":{"stringValue":"2024-06"}}],
               "droppedAttributesCount":0,"events":[],"droppedEventsCount":0,"status":{"code":0},"links":[],"droppedLinksCount":0},
              {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"00f067aa0ba902b7","parentSpanId":"b7ad6b7169203331","name":"llm-call","kind":1,
               "startTimeUnixNano":"1718000000500000000","endTimeUnixNano":"1718000002000000000",
               "attributes":[
                 {"key":"langfuse.observation.type","value":{"stringValue":"generation"}},
                 {"key":"user.id","value":{"stringValue":"user-42"}},
                 {"key":"session.id","value":{"stringValue":"session-7"}},
                 {"key":"langfuse.trace.name","value":{"stringValue":"support-chat"}},
                 {"key":"langfuse.observation.model.name","value":{"stringValue":"gpt-4o"}},
                 {"key":"langfuse.observation.model.parameters","value":{"stringValue":"{\"temperature\":0.2,\"max_tokens\":256}"}},
                 {"key":"langfuse.observation.usage_details","value":{"stringValue":"{\"input\":120,\"output\":30,\"total\":150}"}},
                 {"key":"langfuse.observation.cost_details","value":{"stringValue":"{\"input\":0.0006,\"output\":0.0003}"}},
                 {"key":"langfuse.observation.input","value":{"stringValue":"[{\"role\":\"user\",\"content\":\"Where is my order?\"}]"}},
                 {"key":"langfuse.observation.output","value":{"stringValue":"{\"role\":\"assistant\",\"content\":\"It ships tomorrow.\"}"}},
                 {"key":"langfuse.observation.prompt.name","value":{"stringValue":"support-prompt"}},
                 {"key":"langfuse.observation.prompt.version","value":{"intValue":3}},
                 {"key":"langfuse.observation.completion_start_time","value":{"stringValue":"\"2024-06-10T06:13:20.800Z\""}},
                 {"key":"langfuse.observation.level","value":{"stringValue":"WARN"}},
                 {"key":"langfuse.observation.status_message","value":{"stringValue":"slow upstream"}},
                 {"key":"langfuse.environment","value":{"stringValue":"Production"}}],
               "droppedAttributesCount":0,"events":[],"droppedEventsCount":0,"status":{"code":0},"links":[],"droppedLinksCount":0}
            ]}]}]}
        """;

    public const string PythonTraceId = "9c4fbc1e2a2c4b0f8a0e3f1d2c3b4a59";

    /// <summary>
    /// Python SDK v3 (sent as protobuf; written here as JSON and re-encoded in the tests): a generation with OpenAI
    /// usage, a span of 3.3 vintage typed "span" but carrying a model, and a child whose root is in another export.
    /// </summary>
    public const string PythonSdk = """
        {"resourceSpans":[{"resource":{"attributes":[
            {"key":"service.name","value":{"stringValue":"rag-service"}},
            {"key":"service.version","value":{"stringValue":"3.1.0"}},
            {"key":"deployment.environment.name","value":{"stringValue":"staging"}}]},
          "scopeSpans":[{"scope":{"name":"langfuse-sdk","version":"3.3.0"},
            "spans":[
              {"traceId":"9c4fbc1e2a2c4b0f8a0e3f1d2c3b4a59","spanId":"1111111111111111","parentSpanId":"aaaaaaaaaaaaaaaa","name":"generate-answer","kind":1,
               "startTimeUnixNano":1718000001000000000,"endTimeUnixNano":1718000001250000000,
               "attributes":[
                 {"key":"langfuse.observation.type","value":{"stringValue":"generation"}},
                 {"key":"langfuse.observation.model.name","value":{"stringValue":"gpt-4o-mini"}},
                 {"key":"langfuse.observation.usage_details","value":{"stringValue":"{\"prompt_tokens\": 40, \"completion_tokens\": 8, \"total_tokens\": 48}"}},
                 {"key":"langfuse.observation.metadata.retriever","value":{"stringValue":"\"bm25\""}}],
               "status":{}},
              {"traceId":"9c4fbc1e2a2c4b0f8a0e3f1d2c3b4a59","spanId":"2222222222222222","parentSpanId":"aaaaaaaaaaaaaaaa","name":"legacy-generation","kind":1,
               "startTimeUnixNano":{"low":129616384,"high":400003046},"endTimeUnixNano":{"low":379616384,"high":400003046},
               "attributes":[
                 {"key":"langfuse.observation.type","value":{"stringValue":"span"}},
                 {"key":"langfuse.observation.model.name","value":{"stringValue":"claude-3-haiku"}}],
               "status":{"code":1}}
            ]}]}]}
        """;

    public const string OpenLlmetryTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    public const string OpenLlmetrySpanId = "00f067aa0ba902b8";

    /// <summary>OpenLLMetry (Traceloop) OpenAI instrumentation: gen_ai.* only, flattened prompt and completion.</summary>
    public const string OpenLlmetry = """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"llm-app"}}]},
          "scopeSpans":[{"scope":{"name":"opentelemetry.instrumentation.openai.v1","version":"0.40.0"},
            "spans":[
              {"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b8","name":"openai.chat","kind":3,
               "startTimeUnixNano":"1718000000000000000","endTimeUnixNano":"1718000000900000000",
               "attributes":[
                 {"key":"gen_ai.system","value":{"stringValue":"openai"}},
                 {"key":"llm.request.type","value":{"stringValue":"chat"}},
                 {"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o-mini"}},
                 {"key":"gen_ai.response.model","value":{"stringValue":"gpt-4o-mini-2024-07-18"}},
                 {"key":"gen_ai.request.temperature","value":{"doubleValue":0.7}},
                 {"key":"gen_ai.request.max_tokens","value":{"intValue":"512"}},
                 {"key":"gen_ai.usage.input_tokens","value":{"intValue":50}},
                 {"key":"gen_ai.usage.output_tokens","value":{"intValue":12}},
                 {"key":"gen_ai.usage.cache_read_input_tokens","value":{"intValue":10}},
                 {"key":"gen_ai.prompt.0.role","value":{"stringValue":"system"}},
                 {"key":"gen_ai.prompt.0.content","value":{"stringValue":"Be brief."}},
                 {"key":"gen_ai.prompt.1.role","value":{"stringValue":"user"}},
                 {"key":"gen_ai.prompt.1.content","value":{"stringValue":"Hi"}},
                 {"key":"gen_ai.completion.0.role","value":{"stringValue":"assistant"}},
                 {"key":"gen_ai.completion.0.content","value":{"stringValue":"Hello!"}},
                 {"key":"gen_ai.completion.0.finish_reason","value":{"stringValue":"stop"}}],
               "status":{"code":0}}
            ]}]}]}
        """;

    public const string OpenInferenceTraceId = "5b8efff798038103d269b633813fc60c";
    public const string OpenInferenceLlmSpanId = "eee19b7ec3c1b174";
    public const string OpenInferenceToolSpanId = "eee19b7ec3c1b175";
    public const string OpenInferenceParentSpanId = "eee19b7ec3c1b173";

    /// <summary>
    /// OpenInference (Arize) instrumentation: an LLM span and a failing tool span, both children of a span that is
    /// not in this export; status code sent as its enum name; environment only on the resource.
    /// </summary>
    public const string OpenInference = """
        {"resourceSpans":[{"resource":{"attributes":[
            {"key":"service.name","value":{"stringValue":"agent"}},
            {"key":"deployment.environment","value":{"stringValue":"QA"}}]},
          "scopeSpans":[{"scope":{"name":"openinference.instrumentation.openai","version":"0.1.14"},
            "spans":[
              {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","parentSpanId":"eee19b7ec3c1b173","name":"ChatCompletion","kind":1,
               "startTimeUnixNano":"1718000000500000000","endTimeUnixNano":"1718000002000000000",
               "attributes":[
                 {"key":"openinference.span.kind","value":{"stringValue":"LLM"}},
                 {"key":"llm.model_name","value":{"stringValue":"gpt-4o"}},
                 {"key":"llm.invocation_parameters","value":{"stringValue":"{\"temperature\": 0}"}},
                 {"key":"llm.token_count.prompt","value":{"intValue":100}},
                 {"key":"llm.token_count.completion","value":{"intValue":20}},
                 {"key":"llm.token_count.total","value":{"intValue":120}},
                 {"key":"llm.input_messages.0.message.role","value":{"stringValue":"user"}},
                 {"key":"llm.input_messages.0.message.content","value":{"stringValue":"What is 2+2?"}},
                 {"key":"input.value","value":{"stringValue":"{\"messages\":[{\"role\":\"user\",\"content\":\"What is 2+2?\"}]}"}},
                 {"key":"input.mime_type","value":{"stringValue":"application/json"}},
                 {"key":"output.value","value":{"stringValue":"4"}},
                 {"key":"output.mime_type","value":{"stringValue":"text/plain"}}],
               "status":{"code":"STATUS_CODE_OK"}},
              {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b175","parentSpanId":"eee19b7ec3c1b173","name":"calculator","kind":1,
               "startTimeUnixNano":"1718000002000000000","endTimeUnixNano":"1718000002500000000",
               "attributes":[
                 {"key":"openinference.span.kind","value":{"stringValue":"TOOL"}},
                 {"key":"tool.name","value":{"stringValue":"calculator"}},
                 {"key":"input.value","value":{"stringValue":"2+2"}}],
               "events":[{"timeUnixNano":"1718000002400000000","name":"exception","attributes":[{"key":"exception.message","value":{"stringValue":"timeout"}}]}],
               "status":{"code":"STATUS_CODE_ERROR","message":"tool timed out"}}
            ]}]}]}
        """;

    public static readonly string[] All = [JsSdk, PythonSdk, OpenLlmetry, OpenInference];
}
