using System.Globalization;
using Sightline.Ingestion;

namespace Sightline.Api;

/// <summary>
/// Query-string values of the read API, parsed the way Langfuse validates them. Each parser returns null when the
/// value is acceptable, or a message naming the parameter.
/// </summary>
internal static class QueryValues
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    /// <summary><c>page</c> ≥ 1 (default 1) and <c>limit</c> 1–100 (default 50); an empty string means the default.</summary>
    public static string? Paging(string? page, string? limit, out int pageNumber, out int pageSize)
    {
        pageNumber = 1;
        if (!string.IsNullOrEmpty(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1))
        {
            pageSize = DefaultLimit;
            return "page: must be an integer of at least 1";
        }

        return Limit(limit, MaxLimit, DefaultLimit, out pageSize);
    }

    public static string? Limit(string? limit, int max, int fallback, out int value)
    {
        value = fallback;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < 1 || value > max))
        {
            value = fallback;
            return $"limit: must be an integer from 1 to {max}";
        }

        return null;
    }

    /// <summary>An ISO 8601 datetime with <c>Z</c> or an offset; absent or empty means no bound.</summary>
    public static string? Time(string? text, string name, out DateTime? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!TryParseTime(text, out var parsed))
        {
            return $"{name}: must be an ISO 8601 datetime with a time zone, e.g. 2024-01-01T00:00:00.000Z (a '+' offset must be URL-encoded as %2B)";
        }

        value = parsed;
        return null;
    }

    /// <summary>A date and time with a zone (bare dates are refused), UTC at millisecond precision.</summary>
    public static bool TryParseTime(string? text, out DateTime utc) => JsonFields.TryParseTime(text, out utc);

    /// <summary>A repeatable parameter's values, without empty entries and duplicates.</summary>
    public static IReadOnlyList<string> Many(string[]? values) =>
        values is null ? [] : values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>One of the given names, compared exactly; absent or empty means none.</summary>
    public static string? OneOf(string? text, string name, IReadOnlyCollection<string> allowed, out string? value)
    {
        value = string.IsNullOrEmpty(text) ? null : text;
        if (value is not null && !allowed.Contains(value))
        {
            value = null;
            return $"{name}: must be one of {string.Join(", ", allowed)}";
        }

        return null;
    }

    /// <summary>A single-valued text filter; empty means absent, as Langfuse treats it.</summary>
    public static string? Optional(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The first problem of several parses, in parameter order.</summary>
    public static string? First(params string?[] problems) => problems.FirstOrDefault(p => p is not null);
}
