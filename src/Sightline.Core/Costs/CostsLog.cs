using Microsoft.Extensions.Logging;

namespace Sightline.Costs;

internal static partial class CostsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Model match pattern {Pattern} timed out on a model name of {Length} characters; treated as no match")]
    public static partial void PatternTimedOut(this ILogger logger, string pattern, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model match pattern {Pattern} is not a valid regular expression; it never matches")]
    public static partial void InvalidPattern(this ILogger logger, string pattern);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {ModelId} of project {ProjectId} has unreadable pricing tiers; it is ignored")]
    public static partial void UnreadableModel(this ILogger logger, Exception exception, string modelId, string projectId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tokenizer {TokenizerModel} is not available; token counts are skipped for it")]
    public static partial void TokenizerUnavailable(this ILogger logger, string tokenizerModel);
}
