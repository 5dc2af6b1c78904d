namespace Sightline.LlmConnections.Chat;

/// <summary>Where and how a chat client calls its provider: the decrypted key lives only in this object.</summary>
internal sealed record LlmEndpoint(
    string Adapter,
    Uri BaseUri,
    string SecretKey,
    IReadOnlyDictionary<string, string> ExtraHeaders,
    string? ApiVersion)
{
    /// <summary>The base URL with exactly one trailing slash, so relative paths append instead of replacing.</summary>
    public Uri Resolve(string relative) => new(new Uri(BaseUri.AbsoluteUri.TrimEnd('/') + "/"), relative);

    public void AddExtraHeaders(HttpRequestMessage request)
    {
        foreach (var (name, value) in ExtraHeaders)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    public override string ToString() => $"{Adapter} {BaseUri}";
}
