namespace Sightline.Server.Hosting;

internal static partial class HostLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Sightline {Version} ({Profile} profile, role {Role}) listening on {Urls}, data in {DataDirectory}, started in {ElapsedMs} ms")]
    public static partial void Started(this ILogger logger, string version, string profile, string role, string urls, string dataDirectory, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The {Component} failed to start; the reason is printed on stderr")]
    public static partial void StorageFailed(this ILogger logger, Exception exception, string component);
}
