using System.Globalization;
using System.Text;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// Text forms ClickHouse reads: identifiers, quoted strings, times. Values of queries always travel as parameters;
/// these are for the parameter values themselves and for names this assembly controls (database, cluster).
/// </summary>
internal static class ClickHouseText
{
    /// <summary>Times of the data columns: DateTime64(3) in UTC.</summary>
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss.fff";

    /// <summary>The version column: DateTime64(6) in UTC.</summary>
    public const string VersionFormat = "yyyy-MM-dd HH:mm:ss.ffffff";

    /// <summary>A name in backticks, so any database or cluster name is taken literally.</summary>
    public static string Identifier(string name) => "`" + Escape(name, '`') + "`";

    /// <summary>A single-quoted string literal.</summary>
    public static string Quoted(string value) => "'" + Escape(value, '\'') + "'";

    /// <summary>
    /// A value in ClickHouse's escaped text form (as in TabSeparated), which is how a top-level query parameter is
    /// parsed: backslash sequences are interpreted, so backslashes and control characters must be escaped.
    /// </summary>
    public static string Escaped(string value) => Escape(value, null);

    public static string Time(DateTime value) => ToUtc(value).ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTime ParseTime(string text) =>
        DateTime.ParseExact(text, [TimeFormat, VersionFormat, "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>
    /// Stored times are UTC at millisecond precision, like the embedded store's, so both profiles return the same
    /// value for the same input.
    /// </summary>
    public static DateTime ToUtc(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    private static string Escape(string value, char? quote)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var replacement = c switch
            {
                '\\' => @"\\",
                '\t' => @"\t",
                '\n' => @"\n",
                '\r' => @"\r",
                '\0' => @"\0",
                '\b' => @"\b",
                '\f' => @"\f",
                _ when c == quote => "\\" + c,
                _ => null,
            };
            if (replacement is null)
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(value, 0, i, value.Length + 16);
            builder.Append(replacement);
        }

        return builder?.ToString() ?? value;
    }
}
