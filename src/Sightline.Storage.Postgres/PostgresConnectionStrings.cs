using System.Globalization;
using Npgsql;

namespace Sightline.Storage.Postgres;

/// <summary>
/// Builds the Npgsql connection string from the parts of <c>DATABASE_URL</c> or <c>DATABASE_*</c>. The keyword form
/// quotes every value, so a password holding <c>@ # / : ? ; '</c> needs no escaping by the operator.
/// </summary>
public static class PostgresConnectionStrings
{
    /// <param name="parameters">
    /// The URL's query parameters. Those Langfuse deployments commonly carry (Prisma style) are honoured:
    /// <c>sslmode</c>, <c>schema</c> (search path), <c>connection_limit</c> (pool size), <c>connect_timeout</c>;
    /// others (such as <c>pgbouncer</c>) have no Npgsql equivalent and are ignored.
    /// </param>
    public static string Build(string host, int port, string username, string password, string database, IReadOnlyDictionary<string, string> parameters)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = port,
            Username = username,
            Password = password,
            Database = database,
            ApplicationName = "sightline",
        };
        foreach (var (key, value) in parameters)
        {
            switch (key.ToLowerInvariant())
            {
                case "sslmode" when Enum.TryParse<SslMode>(value.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var mode):
                    builder.SslMode = mode;
                    break;
                case "schema":
                    builder.SearchPath = value;
                    break;
                case "connection_limit" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0:
                    builder.MaxPoolSize = limit;
                    break;
                case "connect_timeout" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    builder.Timeout = seconds;
                    break;
            }
        }

        return builder.ConnectionString;
    }
}
