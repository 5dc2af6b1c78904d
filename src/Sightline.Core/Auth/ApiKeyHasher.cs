using System.Security.Cryptography;
using System.Text;

namespace Sightline.Auth;

/// <summary>
/// Secret keys are looked up by a keyed hash (HMAC-SHA256 under the instance salt), so verifying a key is one
/// indexed read whose cost does not depend on whether the public key exists.
/// </summary>
public sealed class ApiKeyHasher(InstanceSecrets secrets)
{
    public string Hash(string secretKey)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(secrets.Salt.Span, Encoding.UTF8.GetBytes(secretKey), mac);
        return Convert.ToHexStringLower(mac);
    }

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
