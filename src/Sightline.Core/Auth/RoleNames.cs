namespace Sightline.Auth;

public static class RoleNames
{
    public static string ToWire(Role role) => role switch
    {
        Role.Owner => "OWNER",
        Role.Admin => "ADMIN",
        Role.Member => "MEMBER",
        Role.Viewer => "VIEWER",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static Role Parse(string value) =>
        TryParse(value, out var role) ? role : throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown role");

    public static bool TryParse(string? value, out Role role)
    {
        switch (value?.ToUpperInvariant())
        {
            case "OWNER": role = Role.Owner; return true;
            case "ADMIN": role = Role.Admin; return true;
            case "MEMBER": role = Role.Member; return true;
            case "VIEWER": role = Role.Viewer; return true;
            default: role = default; return false;
        }
    }
}
