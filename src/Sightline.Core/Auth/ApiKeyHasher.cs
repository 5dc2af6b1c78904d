using System.Security.Cryptography;
using System.Text;

namespace Sightline.Auth;

/// <summary>
/// Secret keys are looked up by a salted hash, so verifying a key is one indexed read whose cost does not depend on
/// whether the public key exists. The recipe is Langfuse's "fast hash" — SHA-256 of the secret followed by the hex
/// SHA-256 of <c>SALT</c> — so key hashes exported from a Langfuse deployment verify here under the same SALT.
/// </summary>
public sealed class ApiKeyHasher(InstanceSecrets secrets)
{
    private readonly string _saltDigest = Convert.ToHexStringLower(SHA256.HashData(secrets.Salt.Span));

    public string Hash(string secretKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secretKey + _saltDigest)));

    public static (string PublicKey, string SecretKey) NewKeyPair() =>
        ("pk-lf-" + Guid.NewGuid().ToString("D"), "sk-lf-" + Guid.NewGuid().ToString("D"));

    /// <summary>A hint that identifies a key without revealing it: the prefix and the last four characters.</summary>
    public static string DisplayHint(string secretKey)
    {
        var tail = secretKey.Length > 8 ? secretKey[^4..] : string.Empty;
        var prefixEnd = secretKey.StartsWith("sk-lf-", StringComparison.Ordinal) ? 6
            : secretKey.StartsWith("lf_sk_", StringComparison.Ordinal) ? 6
            : 0;
        return secretKey[..prefixEnd] + "..." + tail;
    }
}
