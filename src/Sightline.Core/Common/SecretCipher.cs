using System.Security.Cryptography;
using System.Text;
using Sightline.Auth;

namespace Sightline.Common;

/// <summary>
/// Encrypts secrets kept in the metadata database (provider API keys, header values) with <c>ENCRYPTION_KEY</c>:
/// AES-256-GCM with a random 12-byte nonce per value, stored as <c>v1:</c> + base64(nonce ‖ tag ‖ ciphertext).
/// The caller's context (e.g. the owning project) is bound in as associated data, so a value copied to another
/// row does not decrypt there.
/// </summary>
public sealed class SecretCipher
{
    private const string Prefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key;

    public SecretCipher(InstanceSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.EncryptionKey.Length != 32)
        {
            throw new ArgumentException("ENCRYPTION_KEY must be 32 bytes for AES-256-GCM.", nameof(secrets));
        }

        _key = secrets.EncryptionKey.ToArray();
    }

    public string Encrypt(string plaintext, string context)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + TagSize + clear.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, clear, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(context));
        CryptographicOperations.ZeroMemory(clear);
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="SecretDecryptionException">The value is not in this format, or another key (or context) sealed it.</exception>
    public string Decrypt(string stored, string context)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new SecretDecryptionException("the stored secret is not in a format this version reads (expected the v1: prefix)");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(stored[Prefix.Length..]);
        }
        catch (FormatException)
        {
            throw new SecretDecryptionException("the stored secret is damaged (not base64)");
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new SecretDecryptionException("the stored secret is damaged (too short)");
        }

        var clear = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), clear, Encoding.UTF8.GetBytes(context));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretDecryptionException("the stored secret cannot be decrypted with the current ENCRYPTION_KEY (was the key changed since it was saved?)");
        }

        return Encoding.UTF8.GetString(clear);
    }
}
