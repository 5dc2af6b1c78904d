namespace Sightline.Comments;

internal static class CommentRules
{
    public const int MaxContentLength = 5000;
    public const int MaxObjectIdLength = 1000;

    public const string Trace = "TRACE";
    public const string Observation = "OBSERVATION";
    public const string Session = "SESSION";
    public const string Prompt = "PROMPT";

    public static readonly string[] ObjectTypes = [Trace, Observation, Session, Prompt];
}
