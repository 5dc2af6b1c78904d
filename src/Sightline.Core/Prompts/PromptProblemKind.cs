namespace Sightline.Prompts;

internal enum PromptProblemKind
{
    /// <summary>400 <c>InvalidRequestError</c>.</summary>
    Invalid,
    /// <summary>404 <c>LangfuseNotFoundError</c>.</summary>
    NotFound,
    /// <summary>409 <c>LangfuseConflictError</c>.</summary>
    Conflict,
}
