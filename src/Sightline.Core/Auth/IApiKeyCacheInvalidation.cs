using Sightline.Common;

namespace Sightline.Auth;

/// <summary>
/// Announces that an API key was revoked or changed; the key is the API key's id, or <see cref="All"/> when keys
/// went away in bulk (a project or organization deleted).
/// </summary>
public interface IApiKeyCacheInvalidation : ICacheInvalidation
{
    public const string All = "*";
}
