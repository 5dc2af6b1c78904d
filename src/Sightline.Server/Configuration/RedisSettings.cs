namespace Sightline.Server.Configuration;

/// <summary>Redis/Valkey from <c>REDIS_CONNECTION_STRING</c> or <c>REDIS_HOST</c>/<c>REDIS_PORT</c>/<c>REDIS_AUTH</c>.</summary>
internal sealed record RedisSettings(string Host, int Port, string? Username, string? Password, bool Tls, int Database)
{
    private const string UrlFix = "write it as redis://[:password@]host:6379[/db] (rediss:// for TLS), percent-encoding special characters in the password, or use REDIS_HOST, REDIS_PORT and REDIS_AUTH instead.";

    public static RedisSettings? Read(SettingsReader reader)
    {
        var url = reader.Get("REDIS_CONNECTION_STRING");
        var host = reader.Get("REDIS_HOST");
        if (url is not null)
        {
            return ParseUrl(url, reader.Errors);
        }

        if (host is null)
        {
            return null;
        }

        var port = 6379;
        if (reader.Get("REDIS_PORT") is { } portText && !PostgresConnectionInfo.TryParsePort(portText, out port))
        {
            reader.Errors.Add("REDIS_PORT", "is not a port number.", "set a number from 1 to 65535 (Redis listens on 6379 by default).");
        }

        return new RedisSettings(host, port, reader.Get("REDIS_USERNAME"), reader.Get("REDIS_AUTH"), reader.GetBool("REDIS_TLS_ENABLED") ?? false, 0);
    }

    private static RedisSettings? ParseUrl(string url, ConfigurationErrorList errors)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || uri.Host.Length == 0)
        {
            errors.Add("REDIS_CONNECTION_STRING", "is not a redis:// or rediss:// URL.", UrlFix);
            return null;
        }

        var database = 0;
        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0 && !int.TryParse(path, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out database))
        {
            errors.Add("REDIS_CONNECTION_STRING", "has a path that is not a database number.", UrlFix);
            return null;
        }

        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[..colon]);
            password = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[(colon + 1)..]);
            if (user?.Length == 0)
            {
                user = null;
            }
        }

        return new RedisSettings(uri.Host, uri.IsDefaultPort ? 6379 : uri.Port, user, password, uri.Scheme == "rediss", database);
    }

    public Sightline.Storage.Redis.RedisConnectionSettings ToConnectionSettings() =>
        new(Host, Port, Username, Password, Tls, Database) { Setting = Environment.GetEnvironmentVariable("REDIS_CONNECTION_STRING") is null ? "REDIS_HOST" : "REDIS_CONNECTION_STRING" };
}
