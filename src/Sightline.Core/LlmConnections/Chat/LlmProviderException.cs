namespace Sightline.LlmConnections.Chat;

/// <summary>The provider answered with an error (or not at all); the message is the provider's own text.</summary>
public sealed class LlmProviderException : Exception
{
    public LlmProviderException()
    {
    }

    public LlmProviderException(string message)
        : base(message)
    {
    }

    public LlmProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LlmProviderException(int? statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The provider's HTTP status, or null when no answer came back.</summary>
    public int? StatusCode { get; }
}
