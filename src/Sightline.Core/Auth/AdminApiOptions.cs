namespace Sightline.Auth;

public sealed class AdminApiOptions
{
    /// <summary><c>ADMIN_API_KEY</c>: Bearer token for <c>/api/admin/*</c>; unset disables those routes.</summary>
    public string? AdminApiKey { get; set; }
}
