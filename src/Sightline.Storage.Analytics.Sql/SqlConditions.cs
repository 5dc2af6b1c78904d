namespace Sightline.Storage.Analytics.Sql;

/// <summary>The list filters' simple conditions, added only when the caller gave a value.</summary>
internal static class SqlConditions
{
    public static void AddEquals(List<string> conditions, SqlParameterSet p, string column, string? value)
    {
        if (value is not null)
        {
            conditions.Add($"{column} = {p.Add(value)}");
        }
    }

    public static void AddAnyOf(List<string> conditions, SqlParameterSet p, string column, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            conditions.Add($"{column} IN ({p.AddInList(values)})");
        }
    }

    public static void AddTags(List<string> conditions, ISqlDialect d, SqlParameterSet p, string column, IReadOnlyList<string> tags)
    {
        if (tags.Count > 0)
        {
            conditions.Add(d.HasAllTags(column, tags, p));
        }
    }
}
