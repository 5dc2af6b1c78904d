namespace Sightline.Datasets;

internal static class DatasetRules
{
    public const int MaxNameLength = 1000;
    public const int MaxDescriptionLength = 10_000;
    public const int MaxItemIdLength = 255;
    public const int MaxJsonLength = 5_000_000;
    public const int MaxBodyBytes = 6 * 1024 * 1024;

    public const string Active = "ACTIVE";
    public const string Archived = "ARCHIVED";

    public static readonly string[] Statuses = [Active, Archived];

    public const string DatasetNotFound = "Dataset not found";
    public const string ItemNotFound = "Dataset item not found";
    public const string RunNotFound = "Dataset run not found";
}
