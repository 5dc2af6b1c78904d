using Sightline.Common;

namespace Sightline.Prompts;

/// <summary>Announces that a project's prompts changed; the key is the project id.</summary>
public interface IPromptCacheInvalidation : ICacheInvalidation;
