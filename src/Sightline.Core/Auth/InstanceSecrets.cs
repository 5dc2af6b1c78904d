namespace Sightline.Auth;

/// <summary>
/// Instance-wide secrets: <c>SALT</c> keys the API-key hash, <c>ENCRYPTION_KEY</c> encrypts provider keys.
/// </summary>
public sealed class InstanceSecrets(byte[] salt, byte[] encryptionKey)
{
    public ReadOnlyMemory<byte> Salt { get; } = salt;
    public ReadOnlyMemory<byte> EncryptionKey { get; } = encryptionKey;
}
