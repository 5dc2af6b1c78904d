using System.Text.RegularExpressions;

namespace Sightline.Media;

/// <summary>
/// Langfuse's media ids: the base64 SHA-256 made URL-safe (<c>+</c>→<c>-</c>, <c>/</c>→<c>_</c>) and cut to 22
/// characters (132 bits). The SDKs compute the same id on their side and refuse to upload when the server's differs.
/// </summary>
public static partial class MediaIds
{
    public const int Length = 22;

    public static string FromSha256Hash(string sha256Base64) =>
        sha256Base64.Replace('+', '-').Replace('/', '_')[..Length];

    /// <summary>True when the text is the canonical standard base64 of exactly 32 bytes (44 characters, one <c>=</c>).</summary>
    public static bool IsSha256Base64(string? text)
    {
        if (text is null || !Base64Of32Bytes().IsMatch(text))
        {
            return false;
        }

        // Only the canonical encoding: the hash text is a unique key, so two spellings of one hash must not both pass.
        Span<byte> decoded = stackalloc byte[33];
        return Convert.TryFromBase64String(text, decoded, out var written) && written == 32
            && Convert.ToBase64String(decoded[..32]) == text;
    }

    /// <summary>A value that could be a media id: 22 URL-safe base64 characters.</summary>
    public static bool IsWellFormed(string? id) => id is not null && MediaIdShape().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9+/]{43}=$")]
    private static partial Regex Base64Of32Bytes();

    [GeneratedRegex("^[A-Za-z0-9_-]{22}$")]
    private static partial Regex MediaIdShape();
}
