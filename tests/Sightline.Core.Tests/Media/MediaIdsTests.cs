using System.Security.Cryptography;
using System.Text;
using Sightline.Media;

namespace Sightline.Core.Tests.Media;

public sealed class MediaIdsTests
{
    [Theory]
    [InlineData("hello", "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=", "LPJNul-wow4m6Dsqxbninh")]
    [InlineData("0", "X+zrZv/IbzjZUnhsbWlsecLbwjndTpG0ZynXOif7V+k=", "X-zrZv_IbzjZUnhsbWlsec")]
    public void FromSha256Hash_IsTheUrlSafeHashCutTo22Characters(string content, string hash, string expectedId)
    {
        Assert.Equal(hash, Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content))));

        Assert.Equal(expectedId, MediaIds.FromSha256Hash(hash));
        Assert.True(MediaIds.IsWellFormed(expectedId));
    }

    [Theory]
    [InlineData("LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=", true)]
    [InlineData("LPJNul-wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=", false)] // URL-safe alphabet is not the SDKs' encoding
    [InlineData("LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ", false)] // padding missing
    [InlineData("LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ==", false)]
    [InlineData("LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCR=", false)] // non-canonical trailing bits
    [InlineData("aGVsbG8=", false)] // base64, but of 5 bytes
    [InlineData("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", false)] // hex, not base64
    [InlineData("", false)]
    public void IsSha256Base64_AcceptsOnlyTheBase64Of32Bytes(string text, bool expected) =>
        Assert.Equal(expected, MediaIds.IsSha256Base64(text));
}
