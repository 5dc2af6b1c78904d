namespace Sightline.LlmConnections;

/// <summary>
/// A project's connection to an LLM provider, unique per provider name within the project. The API key and the
/// extra header values are stored encrypted (<see cref="Common.SecretCipher"/>); only a display hint of the key
/// and the header names are kept in clear.
/// </summary>
public sealed class LlmConnection
{
    public required string Id { get; set; }
    public required string ProjectId { get; set; }
    /// <summary>The project's own name for the connection (e.g. <c>openai</c>, <c>my-gateway</c>); the upsert key.</summary>
    public required string Provider { get; set; }
    /// <summary>The wire protocol: one of <see cref="LlmAdapters.All"/>.</summary>
    public required string Adapter { get; set; }
    /// <summary>The API key, encrypted with <c>ENCRYPTION_KEY</c>.</summary>
    public required string SecretKey { get; set; }
    /// <summary>The key's last characters, e.g. <c>...1a2b</c>.</summary>
    public required string DisplaySecretKey { get; set; }
    public string? BaseUrl { get; set; }
    /// <summary>JSON array of model names, stored as text.</summary>
    public required string CustomModels { get; set; }
    public bool WithDefaultModels { get; set; }
    /// <summary>JSON object of header name to value, encrypted as a whole; null when there are none.</summary>
    public string? ExtraHeaders { get; set; }
    /// <summary>JSON array of the extra headers' names, in clear for display.</summary>
    public required string ExtraHeaderKeys { get; set; }
    /// <summary>Adapter-specific settings as a JSON object (Bedrock region, Vertex AI location, Azure api version...).</summary>
    public string? Config { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
