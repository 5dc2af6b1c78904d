namespace Sightline.Prompts;

/// <summary>Why a prompt write was refused; the message goes to the caller as Langfuse words it.</summary>
internal sealed record PromptProblem(PromptProblemKind Kind, string Message)
{
    public static PromptProblem Invalid(string message) => new(PromptProblemKind.Invalid, message);

    public static PromptProblem NotFound(string message) => new(PromptProblemKind.NotFound, message);

    public static PromptProblem Conflict(string message) => new(PromptProblemKind.Conflict, message);
}
