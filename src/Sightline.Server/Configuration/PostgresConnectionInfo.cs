using System.Globalization;

namespace Sightline.Server.Configuration;

/// <summary>A PostgreSQL server as given by <c>DATABASE_URL</c> or the separate <c>DATABASE_*</c> variables.</summary>
internal sealed record PostgresConnectionInfo(
    string Host,
    int Port,
    string Username,
    string Password,
    string Database,
    IReadOnlyDictionary<string, string> Parameters)
{
    private const string EncodingFix =
        "percent-encode it in the URL (@ -> %40, # -> %23, / -> %2F, : -> %3A, ? -> %3F, % -> %25), " +
        "or unset DATABASE_URL and set DATABASE_HOST, DATABASE_PORT, DATABASE_USERNAME, DATABASE_PASSWORD and DATABASE_NAME, which need no encoding.";

    /// <summary>
    /// Parses <c>postgresql://user:password@host:port/database?params</c>. Characters that end the user-info part
    /// of a URL (<c>@ # / ?</c>) must be percent-encoded in the user name and password; rather than guess what the
    /// operator meant, this names the character and the fix. The message never contains the password itself.
    /// </summary>
    public static PostgresConnectionInfo? Parse(string url, ConfigurationErrorList errors)
    {
        const string variable = "DATABASE_URL";
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? string.Empty : url[..schemeEnd].ToLowerInvariant();
        if (scheme is not ("postgresql" or "postgres"))
        {
            errors.Add(variable, "must be a URL of the form postgresql://user:password@host:5432/database.", "start it with postgresql:// (" + EncodingFix + ")");
            return null;
        }

        var rest = url[(schemeEnd + 3)..];
        var at = rest.LastIndexOf('@');
        var userInfo = at < 0 ? string.Empty : rest[..at];
        var hostPart = at < 0 ? rest : rest[(at + 1)..];

        foreach (var c in "@#/?")
        {
            if (userInfo.Contains(c, StringComparison.Ordinal))
            {
                errors.Add(variable, $"the user name or password contains an unencoded '{c}', so the URL cannot be split into user, password and host.", EncodingFix);
                return null;
            }
        }

        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var rawUser = colon < 0 ? userInfo : userInfo[..colon];
        var rawPassword = colon < 0 ? string.Empty : userInfo[(colon + 1)..];
        if (!TryDecode(rawUser, out var username) || !TryDecode(rawPassword, out var password))
        {
            errors.Add(variable, "the user name or password contains a '%' that is not followed by two hex digits.", EncodingFix);
            return null;
        }

        var slash = hostPart.IndexOf('/', StringComparison.Ordinal);
        var hostPort = slash < 0 ? hostPart : hostPart[..slash];
        var pathQuery = slash < 0 ? string.Empty : hostPart[(slash + 1)..];
        var query = string.Empty;
        var questionMark = pathQuery.IndexOf('?', StringComparison.Ordinal);
        if (questionMark >= 0)
        {
            query = pathQuery[(questionMark + 1)..];
            pathQuery = pathQuery[..questionMark];
        }
        else if (hostPort.IndexOf('?', StringComparison.Ordinal) is var q and >= 0)
        {
            query = hostPort[(q + 1)..];
            hostPort = hostPort[..q];
        }

        if (!TrySplitHostPort(hostPort, out var host, out var port))
        {
            errors.Add(variable, "the host or port after '@' is missing or not valid (expected host:port with a port from 1 to 65535).", "write it as postgresql://user:password@host:5432/database; " + EncodingFix);
            return null;
        }

        if (!TryDecode(pathQuery, out var database) || database.Length == 0)
        {
            errors.Add(variable, "names no database (the part after the host).", "append /<database>, e.g. postgresql://user:password@host:5432/postgres.");
            return null;
        }

        return new PostgresConnectionInfo(host, port, username, password, database, ParseQuery(query));
    }

    private static bool TrySplitHostPort(string hostPort, out string host, out int port)
    {
        host = hostPort;
        port = 5432;
        string? portText = null;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = hostPort[1..close];
            var after = hostPort[(close + 1)..];
            if (after.Length > 0)
            {
                if (!after.StartsWith(':'))
                {
                    return false;
                }

                portText = after[1..];
            }
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            if (colon >= 0)
            {
                host = hostPort[..colon];
                portText = hostPort[(colon + 1)..];
            }
        }

        if (portText is not null && !TryParsePort(portText, out port))
        {
            return false;
        }

        // An unbracketed host with a colon left in it was an IPv6 address or a stray ':' from the password.
        return host.Length > 0 && (hostPort.StartsWith('[') || !host.Contains(':', StringComparison.Ordinal));
    }

    public static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;

    private static bool TryDecode(string value, out string decoded)
    {
        for (var i = value.IndexOf('%', StringComparison.Ordinal); i >= 0; i = value.IndexOf('%', i + 1))
        {
            if (i + 2 >= value.Length || !Uri.IsHexDigit(value[i + 1]) || !Uri.IsHexDigit(value[i + 2]))
            {
                decoded = string.Empty;
                return false;
            }
        }

        decoded = Uri.UnescapeDataString(value);
        return true;
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            result[key] = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
        }

        return result;
    }
}
