using System.Globalization;
using System.Text;
using Sightline.Tracing;

namespace Sightline.Bench;

/// <summary>
/// The read benchmark's data: traces of a chat/RAG/agent product over <see cref="Days"/> days, in time order as
/// they would have been ingested. A few thousand users (a few heavy, most light), sessions of several traces of one
/// user within minutes, one to three tags, a dozen trace names, <see cref="ObservationsPerTrace"/> observations per
/// trace (a root span, retrieval, embedding, three generations on a handful of models with usage and cost, a tool
/// call, a guardrail and an event) and two scores. Inputs and outputs are JSON of a hundred bytes to 3 KB,
/// each with text of its own so the store cannot deduplicate them. Seeded: the same size gives the same data.
/// </summary>
internal sealed class ReadsData
{
    public const int Days = 35;
    public const int ObservationsPerTrace = 10;
    public const int ScoresPerTrace = 2;
    public const string ProjectId = "bench-project";
    public const int Users = 3000;

    public static readonly string[] TraceNames =
    [
        "chat-completion", "rag-answer", "summarize-document", "classify-ticket", "agent-run", "extract-entities",
        "translate", "code-review", "draft-email", "search-products", "support-triage", "generate-sql",
    ];

    public static readonly string[] Tags =
    [
        "production", "beta", "rag", "agent", "chat", "eu", "us", "mobile", "web", "priority", "experiment-42", "internal",
    ];

    private static readonly (string Model, decimal InputPrice, decimal OutputPrice)[] Models =
    [
        ("gpt-4o", 0.0000025m, 0.00001m),
        ("gpt-4o-mini", 0.00000015m, 0.0000006m),
        ("claude-3-5-sonnet-20241022", 0.000003m, 0.000015m),
        ("claude-3-5-haiku-20241022", 0.0000008m, 0.000004m),
        ("gemini-1.5-pro", 0.00000125m, 0.000005m),
    ];

    private static readonly string[] Words =
    [
        "the", "customer", "order", "refund", "policy", "shipping", "invoice", "account", "password", "reset", "delivery",
        "warranty", "product", "return", "within", "days", "please", "confirm", "address", "billing", "subscription",
        "cancel", "upgrade", "plan", "support", "ticket", "priority", "status", "update", "document", "section", "summary",
        "contract", "clause", "payment", "due", "date", "error", "timeout", "database", "query", "index", "latency",
        "deploy", "release", "version", "feature", "request", "user", "report", "weekly", "metrics", "revenue", "growth",
        "and", "or", "with", "for", "to", "of", "in", "on", "is", "are", "was", "can", "will", "should", "not", "this", "that",
    ];

    private readonly Random _random;
    private readonly DateTime _start;
    private readonly double _secondsPerTrace;
    private readonly int _traces;
    private readonly List<Session> _active = [];
    private readonly StringBuilder _text = new(8192);
    private int _next;
    private int _sessions;

    public ReadsData(int traces, DateTime end)
    {
        _traces = traces;
        _random = new Random(traces);
        _start = end.AddDays(-Days);
        _secondsPerTrace = Days * 86400.0 / traces;
    }

    public static string UserId(int index) => $"user-{index:0000}@example.com";

    public bool Done => _next >= _traces;

    /// <summary>The next <paramref name="count"/> traces (fewer at the end) with their observations and scores.</summary>
    public AnalyticsBatch Next(int count)
    {
        var traces = new List<TraceRecord>(count);
        var observations = new List<ObservationRecord>(count * ObservationsPerTrace);
        var scores = new List<ScoreRecord>(count * ScoresPerTrace);
        for (var i = 0; i < count && _next < _traces; i++, _next++)
        {
            var timestamp = _start.AddSeconds((_next + _random.NextDouble()) * _secondsPerTrace);
            timestamp = new DateTime(timestamp.Ticks - (timestamp.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
            AddTrace(timestamp, traces, observations, scores);
        }

        return new AnalyticsBatch(traces, observations, scores);
    }

    private void AddTrace(DateTime timestamp, List<TraceRecord> traces, List<ObservationRecord> observations, List<ScoreRecord> scores)
    {
        var session = TakeSession();
        var traceId = Id();
        var name = TraceNames[_random.Next(TraceNames.Length)];
        var environment = _random.Next(10) == 0 ? "staging" : "production";
        var tags = new List<string>(3);
        for (var t = _random.Next(1, 4); t > 0; t--)
        {
            var tag = Tags[_random.Next(Tags.Length)];
            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        var question = Sentence(8, 40);
        traces.Add(new TraceRecord
        {
            ProjectId = ProjectId,
            Id = traceId,
            Timestamp = timestamp,
            Name = name,
            UserId = session.UserId,
            SessionId = session.Id,
            Release = "v2." + _random.Next(0, 12).ToString(CultureInfo.InvariantCulture),
            Version = "1." + _random.Next(0, 4).ToString(CultureInfo.InvariantCulture),
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["region"] = _random.Next(2) == 0 ? "eu-west-1" : "us-east-1",
                ["client"] = _random.Next(3) == 0 ? "ios" : "web",
            },
            Tags = tags,
            Input = Json("query", question, 200, 2000),
            Output = Json("answer", Sentence(20, 80), 200, 2000),
            Environment = environment,
            CreatedAt = timestamp,
            UpdatedAt = timestamp,
        });

        var rootId = traceId + "-root";
        var clock = timestamp;
        var latency = TimeSpan.FromMilliseconds(_random.Next(300, 12000));
        observations.Add(Observation(traceId, rootId, null, "SPAN", "handle-request", clock, clock + latency, environment, 100, 600));
        var step = latency / 10;
        var names = new (string Type, string Name)[]
        {
            ("RETRIEVER", "retrieve-context"), ("EMBEDDING", "embed-query"), ("GENERATION", "plan"), ("TOOL", "search-tool"),
            ("GENERATION", "answer"), ("GUARDRAIL", "moderation"), ("GENERATION", "rewrite"), ("SPAN", "format-output"), ("EVENT", "feedback-prompt"),
        };
        var model = Models[_random.Next(Models.Length)];
        for (var o = 0; o < names.Length; o++)
        {
            var start = clock + (step * o) + TimeSpan.FromMilliseconds(_random.Next(0, 20));
            var end = names[o].Type == "EVENT" ? (DateTime?)null : start + (step * 0.9);
            var id = $"{traceId}-{o:00}";
            observations.Add(names[o].Type is "GENERATION" or "EMBEDDING"
                ? Generation(traceId, id, rootId, names[o].Type, names[o].Name, start, end!.Value, environment, model)
                : Observation(traceId, id, rootId, names[o].Type, names[o].Name, start, end, environment, 100, 800));
        }

        var scoredAt = timestamp + latency + TimeSpan.FromSeconds(_random.Next(1, 600));
        scores.Add(new ScoreRecord
        {
            ProjectId = ProjectId,
            Id = traceId + "-s1",
            Timestamp = scoredAt,
            Name = "helpfulness",
            TraceId = traceId,
            Value = Math.Round(_random.NextDouble(), 3),
            Source = "EVAL",
            Comment = Sentence(5, 30),
            Environment = environment,
            CreatedAt = scoredAt,
            UpdatedAt = scoredAt,
        });
        var thumbsUp = _random.Next(4) != 0;
        scores.Add(new ScoreRecord
        {
            ProjectId = ProjectId,
            Id = traceId + "-s2",
            Timestamp = scoredAt,
            Name = "user-feedback",
            TraceId = traceId,
            ObservationId = rootId,
            Value = thumbsUp ? 1 : 0,
            StringValue = thumbsUp ? "True" : "False",
            DataType = "BOOLEAN",
            Source = "API",
            Environment = environment,
            CreatedAt = scoredAt,
            UpdatedAt = scoredAt,
        });
    }

    private ObservationRecord Observation(string traceId, string id, string? parent, string type, string name, DateTime start, DateTime? end, string environment, int minBytes, int maxBytes) => new()
    {
        ProjectId = ProjectId,
        Id = id,
        TraceId = traceId,
        Type = type,
        ParentObservationId = parent,
        StartTime = start,
        EndTime = end,
        Name = name,
        Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["component"] = name },
        Input = Json("input", Sentence(5, 30), minBytes, maxBytes),
        Output = type == "EVENT" ? null : Json("output", Sentence(5, 30), minBytes, maxBytes),
        Environment = environment,
        CreatedAt = start,
        UpdatedAt = end ?? start,
    };

    private ObservationRecord Generation(string traceId, string id, string parent, string type, string name, DateTime start, DateTime end, string environment, (string Model, decimal InputPrice, decimal OutputPrice) model)
    {
        var embedding = type == "EMBEDDING";
        var input = _random.Next(200, embedding ? 600 : 6000);
        var output = embedding ? 0 : _random.Next(20, 1200);
        var inputCost = input * model.InputPrice;
        var outputCost = output * model.OutputPrice;
        var usage = new Dictionary<string, long>(StringComparer.Ordinal) { ["input"] = input, ["output"] = output, ["total"] = input + output };
        var cost = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["input"] = inputCost, ["output"] = outputCost, ["total"] = inputCost + outputCost };
        return Observation(traceId, id, parent, type, name, start, end, environment, embedding ? 200 : 400, embedding ? 800 : 3000) with
        {
            CompletionStartTime = start + ((end - start) / 4),
            ProvidedModelName = embedding ? "text-embedding-3-small" : model.Model,
            InternalModelId = embedding ? "text-embedding-3-small" : model.Model,
            ModelParameters = """{"temperature":0.2,"max_tokens":1024}""",
            ProvidedUsageDetails = usage,
            UsageDetails = usage,
            CostDetails = cost,
            TotalCost = inputCost + outputCost,
        };
    }

    private Session TakeSession()
    {
        // About fifty conversations at once, each a few traces of one user; a new one replaces each that ends.
        while (_active.Count < 50)
        {
            var skewed = _random.NextDouble();
            _active.Add(new Session($"session-{_sessions++:x8}-{_random.Next():x8}", UserId((int)(Users * skewed * skewed)), _random.Next(1, 9)));
        }

        var at = _random.Next(_active.Count);
        var session = _active[at];
        if (--session.Remaining == 0)
        {
            _active.RemoveAt(at);
        }

        return session;
    }

    private string Id() => string.Create(32, _random, (span, random) =>
    {
        const string hex = "0123456789abcdef";
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = hex[random.Next(16)];
        }
    });

    private string Sentence(int minWords, int maxWords)
    {
        _text.Clear();
        for (var w = _random.Next(minWords, maxWords); w > 0; w--)
        {
            _text.Append(Words[_random.Next(Words.Length)]).Append(' ');
        }

        return _text.ToString(0, _text.Length - 1);
    }

    /// <summary>A JSON object whose text is between about <paramref name="minBytes"/> and <paramref name="maxBytes"/> long.</summary>
    private string Json(string key, string lead, int minBytes, int maxBytes)
    {
        var target = _random.Next(minBytes, maxBytes);
        _text.Clear();
        _text.Append("{\"").Append(key).Append("\":\"").Append(lead);
        while (_text.Length < target)
        {
            _text.Append(' ').Append(Words[_random.Next(Words.Length)]);
        }

        _text.Append("\",\"n\":").Append(_random.Next(1000).ToString(CultureInfo.InvariantCulture)).Append('}');
        return _text.ToString();
    }

    private sealed class Session(string id, string userId, int remaining)
    {
        public string Id { get; } = id;
        public string UserId { get; } = userId;
        public int Remaining { get; set; } = remaining;
    }
}
