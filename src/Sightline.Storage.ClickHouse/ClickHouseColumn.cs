namespace Sightline.Storage.ClickHouse;

/// <summary>Name and ClickHouse type of one result column, from the result's <c>meta</c>.</summary>
internal sealed record ClickHouseColumn(string Name, string Type);
