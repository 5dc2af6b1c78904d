namespace Sightline.Auth;

/// <summary>Membership roles as Langfuse names them on the wire (OWNER, ADMIN, MEMBER, VIEWER).</summary>
public enum Role
{
    Owner,
    Admin,
    Member,
    Viewer,
}
