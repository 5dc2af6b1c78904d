using System.Text.Json;
using Sightline.Api;
using Sightline.Common;

namespace Sightline.LlmConnections;

/// <summary>
/// Seals and opens a connection's API key and extra header values. The owning project and the field are bound into
/// each ciphertext, so a value copied into another project's row (or into the other field) does not decrypt.
/// </summary>
internal sealed class LlmConnectionSecrets(SecretCipher cipher)
{
    public string SealKey(string projectId, string secretKey) => cipher.Encrypt(secretKey, Context(projectId, "secretKey"));

    public string OpenKey(LlmConnection row) => cipher.Decrypt(row.SecretKey, Context(row.ProjectId, "secretKey"));

    public string? SealHeaders(string projectId, IReadOnlyDictionary<string, string>? headers) =>
        headers is null ? null : cipher.Encrypt(JsonSerializer.Serialize(headers.ToDictionary(), SightlineJson.Default.DictionaryStringString), Context(projectId, "extraHeaders"));

    public IReadOnlyDictionary<string, string> OpenHeaders(LlmConnection row) =>
        row.ExtraHeaders is null
            ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize(cipher.Decrypt(row.ExtraHeaders, Context(row.ProjectId, "extraHeaders")), SightlineJson.Default.DictionaryStringString)
              ?? new Dictionary<string, string>();

    /// <summary>
    /// Langfuse's hint: the key's last four characters; for a JSON credential (ending in <c>"}</c>) the four before
    /// the closing quote and brace.
    /// </summary>
    public static string DisplayHint(string secretKey)
    {
        if (secretKey.EndsWith("\"}", StringComparison.Ordinal) && secretKey.Length >= 6)
        {
            return "..." + secretKey[^6..^2];
        }

        return "..." + (secretKey.Length <= 4 ? secretKey : secretKey[^4..]);
    }

    private static string Context(string projectId, string field) => $"sightline/llm-connection/{projectId}/{field}";
}
