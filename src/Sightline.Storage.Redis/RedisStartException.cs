namespace Sightline.Storage.Redis;

/// <summary>Redis refused at start; the host prints <see cref="Setting"/>, the message and the fix as one line.</summary>
public sealed class RedisStartException(string setting, string message, string fix, Exception? inner = null) : Exception(message, inner)
{
    public string Setting { get; } = setting;

    public string Fix { get; } = fix;
}
