namespace Sightline.Storage.ClickHouse;

/// <summary>An error ClickHouse answered with: its exception code (when it sent one) and its message.</summary>
internal sealed class ClickHouseException(int? code, string message) : Exception(message)
{
    /// <summary>ClickHouse's error code, e.g. 60 for an unknown table or 516 for failed authentication.</summary>
    public int? Code => code;
}
