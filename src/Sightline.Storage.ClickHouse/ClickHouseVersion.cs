using System.Globalization;

namespace Sightline.Storage.ClickHouse;

/// <summary>The oldest ClickHouse release the store's SQL and DDL are written for.</summary>
internal static class ClickHouseVersion
{
    public static readonly Version Minimum = new(24, 3);

    /// <summary>Null when <paramref name="reported"/> (what <c>SELECT version()</c> returns) is new enough, else why not.</summary>
    public static string? Problem(string reported)
    {
        var parts = reported.Split('.');
        if (parts.Length < 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return $"the server reported version '{reported}', which is not a ClickHouse version number";
        }

        return new Version(major, minor) < Minimum
            ? $"ClickHouse {reported} is older than {Minimum.Major}.{Minimum.Minor}, the oldest version Sightline supports; upgrade the server"
            : null;
    }
}
