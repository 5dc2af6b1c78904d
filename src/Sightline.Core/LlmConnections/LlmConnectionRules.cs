namespace Sightline.LlmConnections;

/// <summary>Limits of an LLM connection's fields.</summary>
internal static class LlmConnectionRules
{
    public const int MaxProviderLength = 200;
    public const int MaxBaseUrlLength = 2000;
    /// <summary>Long enough for a cloud service account's JSON key.</summary>
    public const int MaxSecretKeyLength = 16_000;
    /// <summary>The encrypted form: version prefix, base64 of nonce, tag and ciphertext.</summary>
    public const int MaxStoredSecretLength = 32_000;
    public const int MaxConfigLength = 10_000;
    public const int MaxCustomModels = 200;
    public const int MaxModelNameLength = 500;
    public const int MaxExtraHeaders = 20;
    public const int MaxHeaderNameLength = 200;
    public const int MaxHeaderValueLength = 4_000;
    /// <summary>The encrypted header map at its largest (20 headers of 4,000 characters, base64-expanded).</summary>
    public const int MaxStoredHeadersLength = 200_000;
}
