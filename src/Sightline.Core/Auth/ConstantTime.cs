using System.Security.Cryptography;
using System.Text;

namespace Sightline.Auth;

internal static class ConstantTime
{
    /// <summary>Compares two strings in time independent of where they differ and of their lengths.</summary>
    public static bool EqualStrings(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
