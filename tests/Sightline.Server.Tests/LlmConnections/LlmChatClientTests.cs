using System.Text.Json;
using Microsoft.Extensions.AI;
using Sightline.Auth;
using Sightline.Common;
using Sightline.LlmConnections;
using Sightline.LlmConnections.Chat;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests.LlmConnections;

/// <summary>
/// The provider clients against <see cref="FakeLlmProvider"/>: the request each sends (path, model, messages, auth
/// header carrying the decrypted key, extra headers) and the answer and usage each reads back.
/// </summary>
public sealed class LlmChatClientTests : IAsyncLifetime
{
    private const string ProjectId = "project-chat-tests";
    private const string Key = "sk-test-7f3a9c2e5b1d";

    private readonly LlmConnectionSecrets _secrets = new(new SecretCipher(new InstanceSecrets([1, 2, 3], RandomKey())));
    private FakeLlmProvider _provider = null!;

    public async Task InitializeAsync() => _provider = await FakeLlmProvider.StartAsync();

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task OpenAi_SendsModelMessagesAndBearerKey_ReadsAnswerAndUsage()
    {
        using var client = Create(LlmAdapters.OpenAi, _provider.BaseAddress + "v1", headers: new() { ["X-Team"] = "search" });

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hello?")],
            new ChatOptions { ModelId = "gpt-4o-mini", MaxOutputTokens = 32, Temperature = 0.5f });

        Assert.Equal((FakeLlmProvider.Answer, "gpt-4o-mini", "chatcmpl-fake"), (response.Text, response.ModelId, response.ResponseId));
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal((21L, 4L, 25L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));
        var sent = Assert.Single(_provider.Requests);
        Assert.Equal(("POST", "/v1/chat/completions"), (sent.Method, sent.Path));
        Assert.Equal("Bearer " + Key, sent.Headers["authorization"]);
        Assert.Equal("search", sent.Headers["x-team"]);
        Assert.Equal(
            """{"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello?"}],"max_tokens":32,"temperature":0.5}""",
            sent.Body);
    }

    [Fact]
    public async Task Azure_CallsTheDeploymentWithApiVersionAndApiKeyHeader()
    {
        using var client = Create(LlmAdapters.Azure, _provider.BaseAddress + "openai/deployments", config: """{"apiVersion":"2024-06-01"}""");

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = "my-gpt4o" });

        Assert.Equal(FakeLlmProvider.Answer, response.Text);
        Assert.Equal(25L, response.Usage!.TotalTokenCount);
        var sent = Assert.Single(_provider.Requests);
        Assert.Equal(("/openai/deployments/my-gpt4o/chat/completions", "?api-version=2024-06-01"), (sent.Path, sent.Query));
        Assert.Equal(Key, sent.Headers["api-key"]);
        Assert.False(sent.Headers.ContainsKey("authorization"));
        Assert.False(sent.Json().TryGetProperty("model", out _));
    }

    [Fact]
    public async Task Azure_WithoutConfiguredVersion_UsesTheDefaultApiVersion()
    {
        using var client = Create(LlmAdapters.Azure, _provider.BaseAddress + "openai/deployments");

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = "dep" });

        Assert.Equal("?api-version=" + OpenAiChatClient.DefaultAzureApiVersion, Assert.Single(_provider.Requests).Query);
    }

    [Fact]
    public async Task Anthropic_SendsSystemApartWithVersionHeader_ReadsAnswerAndUsage()
    {
        using var client = Create(LlmAdapters.Anthropic, _provider.BaseAddress.ToString());

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hello?")],
            new ChatOptions { ModelId = "claude-3-5-haiku-latest" });

        Assert.Equal((FakeLlmProvider.Answer, "msg_fake"), (response.Text, response.ResponseId));
        Assert.Equal((17L, 5L, 22L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));
        var sent = Assert.Single(_provider.Requests);
        Assert.Equal("/v1/messages", sent.Path);
        Assert.Equal((Key, AnthropicChatClient.ApiVersion), (sent.Headers["x-api-key"], sent.Headers["anthropic-version"]));
        Assert.Equal(
            """{"model":"claude-3-5-haiku-latest","max_tokens":1024,"system":"Be brief.","messages":[{"role":"user","content":"Hello?"}]}""",
            sent.Body);
    }

    [Fact]
    public async Task Gemini_SendsKeyInHeaderNotUrl_ReadsAnswerAndUsage()
    {
        using var client = Create(LlmAdapters.GoogleAiStudio, _provider.BaseAddress.ToString());

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hello?")],
            new ChatOptions { ModelId = "gemini-2.0-flash", MaxOutputTokens = 8 });

        Assert.Equal((FakeLlmProvider.Answer, "gemini-fake-001"), (response.Text, response.ModelId));
        Assert.Equal((9L, 3L, 12L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));
        var sent = Assert.Single(_provider.Requests);
        Assert.Equal(("/v1beta/models/gemini-2.0-flash:generateContent", string.Empty), (sent.Path, sent.Query));
        Assert.Equal(Key, sent.Headers["x-goog-api-key"]);
        Assert.Equal(
            """{"systemInstruction":{"parts":[{"text":"Be brief."}]},"contents":[{"role":"user","parts":[{"text":"Hello?"}]}],"generationConfig":{"maxOutputTokens":8}}""",
            sent.Body);
    }

    [Fact]
    public async Task ProviderError_SurfacesTheProvidersMessageAndStatus()
    {
        using var client = Create(LlmAdapters.OpenAi, _provider.BaseAddress.ToString());
        _provider.FailNext(429, """{"error":{"message":"Rate limit reached for gpt-4o-mini","type":"requests"}}""");

        var error = await Assert.ThrowsAsync<LlmProviderException>(() =>
            client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = "gpt-4o-mini" }));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal("HTTP 429: Rate limit reached for gpt-4o-mini", error.Message);
    }

    [Fact]
    public async Task Streaming_YieldsTheWholeAnswer()
    {
        using var client = Create(LlmAdapters.OpenAi, _provider.BaseAddress.ToString());

        var text = string.Concat(await client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = "m" })
            .Select(u => u.Text).ToListAsync());

        Assert.Equal(FakeLlmProvider.Answer, text);
    }

    [Fact]
    public void Factory_ForBedrock_RefusesWithAClearReason()
    {
        var factory = new LlmChatClientFactory(new OneHttpClientFactory(), _secrets);

        var error = Assert.Throws<NotSupportedException>(() => factory.Create(Row(LlmAdapters.Bedrock, null, null, """{"region":"us-east-1"}""")));

        Assert.Contains("bedrock", error.Message, StringComparison.Ordinal);
    }

    private IChatClient Create(string adapter, string baseUrl, Dictionary<string, string>? headers = null, string? config = null) =>
        new LlmChatClientFactory(new OneHttpClientFactory(), _secrets).Create(Row(adapter, baseUrl, headers, config));

    private LlmConnection Row(string adapter, string? baseUrl, Dictionary<string, string>? headers, string? config) => new()
    {
        Id = "conn-1",
        ProjectId = ProjectId,
        Provider = adapter,
        Adapter = adapter,
        SecretKey = _secrets.SealKey(ProjectId, Key),
        DisplaySecretKey = LlmConnectionSecrets.DisplayHint(Key),
        BaseUrl = baseUrl,
        CustomModels = "[]",
        ExtraHeaders = _secrets.SealHeaders(ProjectId, headers),
        ExtraHeaderKeys = JsonSerializer.Serialize(headers?.Keys.ToList() ?? []),
        Config = config,
    };

    private static byte[] RandomKey() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    private sealed class OneHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
