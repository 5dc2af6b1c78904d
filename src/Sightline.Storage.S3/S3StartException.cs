namespace Sightline.Storage.S3;

/// <summary>An S3 bucket refused at start; the host prints <see cref="Setting"/>, the message and the fix as one line.</summary>
public sealed class S3StartException(string setting, string message, string fix, Exception? inner = null) : Exception(message, inner)
{
    public string Setting { get; } = setting;

    public string Fix { get; } = fix;
}
