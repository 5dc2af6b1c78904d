using Microsoft.Extensions.Logging;

namespace Sightline.Auth;

internal static partial class AuthLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected API credentials for public key {PublicKey}")]
    public static partial void RejectedCredentials(this ILogger logger, string publicKey);

    // Debug: a client past its budget sends many such requests, and each one's 429 already tells it.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a request of public key {PublicKey}: past its budget of {RequestsPerSecond} requests per second")]
    public static partial void RateLimited(this ILogger logger, string publicKey, int requestsPerSecond);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Scope} API key {KeyId} ({PublicKey})")]
    public static partial void ApiKeyCreated(this ILogger logger, ApiKeyScope scope, string keyId, string publicKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked API key {KeyId}")]
    public static partial void ApiKeyRevoked(this ILogger logger, string keyId);
}
