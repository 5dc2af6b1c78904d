namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// Nine scores of one project for the score list tests, one minute apart from 10:00 (sc1) to 10:08 (sc9): trace
/// scores with and without an observation, a session score, a dataset run score, every data type, two score configs,
/// and a score on a trace that was never sent. Traces tr1 (alice, tags vip+web, production) and tr2 (bob, tag web,
/// staging) carry the trace filters.
/// </summary>
public static class ScoreListDataset
{
    public const int ScoreCount = 9;

    /// <summary>Score ids newest first: the lists' order.</summary>
    public static readonly string[] NewestFirst = ["sc9", "sc8", "sc7", "sc6", "sc5", "sc4", "sc3", "sc2", "sc1"];

    public static string Batch(string qualityConfig, string toneConfig) => $$$$"""
        {"batch":[
        {"id":"d1","type":"trace-create","timestamp":"2026-03-01T09:00:00Z","body":{"id":"tr1","name":"chat","userId":"alice","sessionId":"sess-1","tags":["vip","web"],"environment":"production"}},
        {"id":"d2","type":"generation-create","timestamp":"2026-03-01T09:00:00Z","body":{"id":"tr1-gen","traceId":"tr1","name":"llm","environment":"production"}},
        {"id":"d3","type":"trace-create","timestamp":"2026-03-01T09:30:00Z","body":{"id":"tr2","name":"chat","userId":"bob","tags":["web"],"environment":"staging"}},
        {"id":"s1","type":"score-create","timestamp":"2026-03-01T10:00:00Z","body":{"id":"sc1","traceId":"tr1","name":"quality","value":0.9,"configId":"{{{{qualityConfig}}}}","environment":"production","timestamp":"2026-03-01T10:00:00Z","metadata":{"k":"v1"}}},
        {"id":"s2","type":"score-create","timestamp":"2026-03-01T10:01:00Z","body":{"id":"sc2","traceId":"tr1","observationId":"tr1-gen","name":"tone","value":"good","configId":"{{{{toneConfig}}}}","source":"ANNOTATION","queueId":"q-1","environment":"production","timestamp":"2026-03-01T10:01:00Z","metadata":{"k":"v2"}}},
        {"id":"s3","type":"score-create","timestamp":"2026-03-01T10:02:00Z","body":{"id":"sc3","traceId":"tr2","name":"quality","value":0.2,"source":"EVAL","environment":"staging","timestamp":"2026-03-01T10:02:00Z"}},
        {"id":"s4","type":"score-create","timestamp":"2026-03-01T10:03:00Z","body":{"id":"sc4","traceId":"tr2","name":"thumbs","value":1,"dataType":"BOOLEAN","environment":"staging","timestamp":"2026-03-01T10:03:00Z"}},
        {"id":"s5","type":"score-create","timestamp":"2026-03-01T10:04:00Z","body":{"id":"sc5","sessionId":"sess-1","name":"session-rating","value":4,"environment":"production","timestamp":"2026-03-01T10:04:00Z"}},
        {"id":"s6","type":"score-create","timestamp":"2026-03-01T10:05:00Z","body":{"id":"sc6","datasetRunId":"run-1","name":"accuracy","value":0.75,"environment":"production","timestamp":"2026-03-01T10:05:00Z"}},
        {"id":"s7","type":"score-create","timestamp":"2026-03-01T10:06:00Z","body":{"id":"sc7","traceId":"tr1","name":"note","value":"looks fine","dataType":"TEXT","comment":"by hand","environment":"production","timestamp":"2026-03-01T10:06:00Z"}},
        {"id":"s8","type":"score-create","timestamp":"2026-03-01T10:07:00Z","body":{"id":"sc8","traceId":"tr1","name":"fix","value":"fixed output","dataType":"CORRECTION","environment":"production","timestamp":"2026-03-01T10:07:00Z"}},
        {"id":"s9","type":"score-create","timestamp":"2026-03-01T10:08:00Z","body":{"id":"sc9","traceId":"tr-missing","name":"quality","value":0.5,"environment":"production","timestamp":"2026-03-01T10:08:00Z"}}
        ]}
        """;
}
