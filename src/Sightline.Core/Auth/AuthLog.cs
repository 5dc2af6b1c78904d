using Microsoft.Extensions.Logging;

namespace Sightline.Auth;

internal static partial class AuthLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected API credentials for public key {PublicKey}")]
    public static partial void RejectedCredentials(this ILogger logger, string publicKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Scope} API key {KeyId} ({PublicKey})")]
    public static partial void ApiKeyCreated(this ILogger logger, ApiKeyScope scope, string keyId, string publicKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked API key {KeyId}")]
    public static partial void ApiKeyRevoked(this ILogger logger, string keyId);
}
