namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// Known traces, observations and scores for the read API tests. Project A holds five traces over three days;
/// project B reuses some of A's ids (ids are unique per project only) with values of its own, so any leak between
/// projects shows up as a wrong name, count or id.
/// </summary>
public static class ReadApiDataset
{
    public const int TraceCount = 5;
    public const int ObservationCount = 7;

    /// <summary>The comments each project makes on a trace of its own when the server starts.</summary>
    public const string ProjectACommentContent = "project-a-remark";
    public const string ProjectBCommentContent = "project-b-remark";

    /// <summary>Project A's annotation queue; B may create one of the same name (names are unique per project).</summary>
    public const string ProjectAQueueName = "project-a-queue";

    /// <summary>Project A's dataset, its description and its one item's input.</summary>
    public const string ProjectADatasetName = "a-dataset";
    public const string ProjectADatasetNote = "project-a-dataset-note";
    public const string ProjectAItemInput = "project-a-item-input";

    /// <summary>Trace ids newest first: the default order of the trace list.</summary>
    public static readonly string[] TracesNewestFirst = ["t5", "t4", "t3", "t2", "t1"];

    /// <summary>Observation ids by start time descending, ties by id descending.</summary>
    public static readonly string[] ObservationsNewestFirst = ["t5-embed", "t3-gen", "t3-span", "t3-event", "t2-gen", "t1-gen", "t1-span"];

    /// <summary>Strings that occur only in project A's data, as they appear in JSON.</summary>
    public static readonly string[] ProjectAMarkers =
    [
        "\"t2\"", "\"t3\"", "\"t4\"", "\"t5\"", "\"chat\"", "\"search\"", "\"embed\"", "\"u-1\"", "\"u-2\"", "\"s-2\"", "\"s-3\"",
        "gpt-4o-mini", "text-embedding-3-small", "staging", "development", "\"retrieve\"", "t1-sentiment", "t2-quality", "a-only-config", ProjectACommentContent,
        ProjectADatasetNote, ProjectAItemInput, "\"a-run\"",
    ];

    public const string ProjectA = """
        {"batch":[
        {"id":"a1","type":"trace-create","timestamp":"2026-01-01T10:00:00.000Z","body":{"id":"t1","timestamp":"2026-01-01T10:00:00.000Z","name":"chat","userId":"u-1","sessionId":"s-1","tags":["a","b"],"release":"r1","version":"v1","environment":"production","input":{"q":"hello"},"output":"hi","metadata":{"plan":"pro"}}},
        {"id":"a2","type":"span-create","timestamp":"2026-01-01T10:00:00.000Z","body":{"id":"t1-span","traceId":"t1","name":"retrieve","startTime":"2026-01-01T10:00:00.000Z","endTime":"2026-01-01T10:00:02.000Z","environment":"production"}},
        {"id":"a3","type":"generation-create","timestamp":"2026-01-01T10:00:00.500Z","body":{"id":"t1-gen","traceId":"t1","parentObservationId":"t1-span","name":"llm","startTime":"2026-01-01T10:00:00.500Z","completionStartTime":"2026-01-01T10:00:00.700Z","endTime":"2026-01-01T10:00:01.500Z","model":"gpt-4o","usageDetails":{"input":100,"output":20},"costDetails":{"input":0.001,"output":0.002},"input":[{"role":"user","content":"hello"}],"metadata":{"step":"answer"},"environment":"production"}},
        {"id":"a4","type":"score-create","timestamp":"2026-01-01T10:00:03.000Z","body":{"id":"t1-quality","traceId":"t1","name":"quality","value":0.9,"environment":"production"}},
        {"id":"a5","type":"score-create","timestamp":"2026-01-01T10:00:04.000Z","body":{"id":"t1-sentiment","traceId":"t1","name":"sentiment","value":"positive","environment":"production"}},
        {"id":"a6","type":"trace-create","timestamp":"2026-01-01T11:00:00.000Z","body":{"id":"t2","timestamp":"2026-01-01T11:00:00.000Z","name":"chat","userId":"u-2","sessionId":"s-1","tags":["a"],"release":"r2","version":"v1","environment":"production"}},
        {"id":"a7","type":"generation-create","timestamp":"2026-01-01T11:00:00.000Z","body":{"id":"t2-gen","traceId":"t2","name":"llm","startTime":"2026-01-01T11:00:00.000Z","endTime":"2026-01-01T11:00:03.000Z","model":"gpt-4o-mini","level":"ERROR","statusMessage":"rate limited","usageDetails":{"input":50,"output":10},"costDetails":{"total":0.0005},"environment":"production"}},
        {"id":"a8","type":"score-create","timestamp":"2026-01-01T11:00:05.000Z","body":{"id":"t2-quality","traceId":"t2","name":"quality","value":0.5,"environment":"production"}},
        {"id":"a9","type":"trace-create","timestamp":"2026-01-02T09:00:00.000Z","body":{"id":"t3","timestamp":"2026-01-02T09:00:00.000Z","name":"search","userId":"u-1","sessionId":"s-2","tags":["b"],"release":"r1","version":"v2","environment":"staging"}},
        {"id":"a10","type":"event-create","timestamp":"2026-01-02T09:00:00.000Z","body":{"id":"t3-event","traceId":"t3","name":"received","startTime":"2026-01-02T09:00:00.000Z","environment":"staging"}},
        {"id":"a11","type":"span-create","timestamp":"2026-01-02T09:00:00.000Z","body":{"id":"t3-span","traceId":"t3","name":"retrieve","startTime":"2026-01-02T09:00:00.000Z","endTime":"2026-01-02T09:00:04.000Z","level":"WARNING","environment":"staging"}},
        {"id":"a12","type":"generation-create","timestamp":"2026-01-02T09:00:01.000Z","body":{"id":"t3-gen","traceId":"t3","parentObservationId":"t3-span","name":"llm","startTime":"2026-01-02T09:00:01.000Z","endTime":"2026-01-02T09:00:02.000Z","model":"gpt-4o","version":"ov1","usageDetails":{"input":10,"output":5},"costDetails":{"total":0.0001},"environment":"staging"}},
        {"id":"a13","type":"trace-create","timestamp":"2026-01-03T08:00:00.000Z","body":{"id":"t4","timestamp":"2026-01-03T08:00:00.000Z","name":"search","environment":"production"}},
        {"id":"a14","type":"trace-create","timestamp":"2026-01-03T12:00:00.000Z","body":{"id":"t5","timestamp":"2026-01-03T12:00:00.000Z","name":"embed","userId":"u-3","sessionId":"s-3","tags":["a","b","c"],"release":"r3","version":"v3","environment":"development"}},
        {"id":"a15","type":"embedding-create","timestamp":"2026-01-03T12:00:00.000Z","body":{"id":"t5-embed","traceId":"t5","name":"embed","startTime":"2026-01-03T12:00:00.000Z","endTime":"2026-01-03T12:00:00.250Z","model":"text-embedding-3-small","usageDetails":{"input":1000},"costDetails":{"total":0.00002},"environment":"development"}}
        ]}
        """;

    public const string ProjectB = """
        {"batch":[
        {"id":"b1","type":"trace-create","timestamp":"2026-01-01T10:00:00.000Z","body":{"id":"t1","timestamp":"2026-01-01T10:30:00.000Z","name":"other-project","userId":"b-user","sessionId":"s-1","tags":["a"],"environment":"production"}},
        {"id":"b2","type":"generation-create","timestamp":"2026-01-01T10:30:00.000Z","body":{"id":"t1-gen","traceId":"t1","name":"other-llm","startTime":"2026-01-01T10:30:00.000Z","endTime":"2026-01-01T10:30:01.000Z","model":"claude-3-haiku","usageDetails":{"input":7,"output":3},"costDetails":{"total":0.5},"environment":"production"}},
        {"id":"b3","type":"score-create","timestamp":"2026-01-01T10:31:00.000Z","body":{"id":"t1-quality","traceId":"t1","name":"quality","value":0.1,"environment":"production"}}
        ]}
        """;
}
