namespace Sightline.Storage.Analytics.Sql;

/// <summary>
/// The values of one query, each bound by the engine: SQL built here only ever holds the placeholders these methods
/// return (and fixed SQL from this assembly or the dialect), never a caller's string.
/// </summary>
internal abstract class SqlParameterSet
{
    public abstract string Add(string value);

    public abstract string Add(DateTime value);

    public abstract string Add(double value);

    public abstract string Add(bool value);

    /// <summary>One list value, for the dialect's array functions and <see cref="ISqlDialect.InList"/>.</summary>
    public abstract string AddArray(IReadOnlyCollection<string> values);

    /// <summary>The items of <c>x IN (...)</c>.</summary>
    public abstract string AddInList(IReadOnlyCollection<string> values);
}
