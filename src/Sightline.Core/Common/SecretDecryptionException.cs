namespace Sightline.Common;

/// <summary>A stored secret could not be decrypted; the message says why and never contains the secret.</summary>
public sealed class SecretDecryptionException : Exception
{
    public SecretDecryptionException()
    {
    }

    public SecretDecryptionException(string message)
        : base(message)
    {
    }

    public SecretDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
