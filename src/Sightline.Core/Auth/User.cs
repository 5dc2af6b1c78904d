namespace Sightline.Auth;

public sealed class User
{
    public required string Id { get; set; }
    /// <summary>Lower-cased e-mail address; unique.</summary>
    public required string Email { get; set; }
    public string? Name { get; set; }
    /// <summary>PBKDF2 hash from ASP.NET Core Identity's password hasher; null for SSO-only users.</summary>
    public string? PasswordHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
