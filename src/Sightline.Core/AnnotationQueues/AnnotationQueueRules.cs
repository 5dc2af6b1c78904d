namespace Sightline.AnnotationQueues;

internal static class AnnotationQueueRules
{
    public const int MaxNameLength = 1000;
    public const int MaxDescriptionLength = 1000;
    public const int MaxObjectIdLength = 1000;
    public const int MaxScoreConfigIds = 100;
    public const int MaxScoreConfigIdLength = 200;

    public const string Pending = "PENDING";
    public const string Completed = "COMPLETED";

    public static readonly string[] Statuses = [Pending, Completed];
    public static readonly string[] ObjectTypes = ["TRACE", "OBSERVATION", "SESSION"];
}
