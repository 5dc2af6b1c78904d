using System.Security.Cryptography;
using Sightline.Auth;
using Sightline.Common;

namespace Sightline.Server.Tests.LlmConnections;

public sealed class SecretCipherTests
{
    private static SecretCipher Cipher(byte[] key) => new(new InstanceSecrets([1], key));

    [Fact]
    public void Encrypt_ThenDecrypt_GivesThePlaintextBack_AndNeverStoresIt()
    {
        var cipher = Cipher(RandomNumberGenerator.GetBytes(32));

        var sealedOnce = cipher.Encrypt("sk-live-0123456789abcdef", "project-1/secretKey");
        var sealedTwice = cipher.Encrypt("sk-live-0123456789abcdef", "project-1/secretKey");

        Assert.StartsWith("v1:", sealedOnce, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789", sealedOnce, StringComparison.Ordinal);
        // A fresh nonce per value: equal keys do not give equal rows.
        Assert.NotEqual(sealedOnce, sealedTwice);
        Assert.Equal("sk-live-0123456789abcdef", cipher.Decrypt(sealedOnce, "project-1/secretKey"));
        Assert.Equal(3 + (((12 + 16 + 24) + 2) / 3 * 4), sealedOnce.Length);
    }

    [Fact]
    public void Decrypt_WithAnotherKey_FailsWithAClearMessage()
    {
        var stored = Cipher(RandomNumberGenerator.GetBytes(32)).Encrypt("sk-live-secret", "p/secretKey");

        var error = Assert.Throws<SecretDecryptionException>(() => Cipher(RandomNumberGenerator.GetBytes(32)).Decrypt(stored, "p/secretKey"));

        Assert.Contains("ENCRYPTION_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_InAnotherContextOrTampered_Fails()
    {
        var cipher = Cipher(RandomNumberGenerator.GetBytes(32));
        var stored = cipher.Encrypt("sk-live-secret", "project-a/secretKey");
        var bytes = Convert.FromBase64String(stored[3..]);
        bytes[^1] ^= 1;

        Assert.Throws<SecretDecryptionException>(() => cipher.Decrypt(stored, "project-b/secretKey"));
        Assert.Throws<SecretDecryptionException>(() => cipher.Decrypt("v1:" + Convert.ToBase64String(bytes), "project-a/secretKey"));
        Assert.Throws<SecretDecryptionException>(() => cipher.Decrypt("plain text", "project-a/secretKey"));
        Assert.Throws<SecretDecryptionException>(() => cipher.Decrypt("v1:%%%", "project-a/secretKey"));
    }
}
