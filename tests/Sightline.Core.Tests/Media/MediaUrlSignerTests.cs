using Microsoft.Extensions.Time.Testing;
using Sightline.Auth;
using Sightline.Media;

namespace Sightline.Core.Tests.Media;

public sealed class MediaUrlSignerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static InstanceSecrets Secrets(byte fill) => new(new byte[16], Enumerable.Repeat(fill, 32).ToArray());

    private MediaUrlClaims Claims(MediaUrlPurpose purpose = MediaUrlPurpose.Upload) => new(
        purpose, "project-1", "LPJNul-wow4m6Dsqxbninh", "image/png", 12345, "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=", _time.GetUtcNow().AddHours(1));

    [Fact]
    public void Verify_OwnToken_ReturnsEveryClaim()
    {
        var signer = new MediaUrlSigner(Secrets(7), _time);
        var claims = Claims();

        var token = signer.Sign(claims);

        Assert.Equal(MediaUrlCheck.Valid, signer.Verify(token, MediaUrlPurpose.Upload, out var read));
        Assert.Equal(claims, read);
        Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", token);
    }

    [Fact]
    public void Verify_AfterExpiry_IsExpired_AndJustBeforeIsValid()
    {
        var signer = new MediaUrlSigner(Secrets(7), _time);
        var token = signer.Sign(Claims());

        _time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(MediaUrlCheck.Valid, signer.Verify(token, MediaUrlPurpose.Upload, out _));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(MediaUrlCheck.Expired, signer.Verify(token, MediaUrlPurpose.Upload, out var claims));
        Assert.Null(claims);
    }

    [Fact]
    public void Verify_AlteredPayload_FailsTheSignature()
    {
        var signer = new MediaUrlSigner(Secrets(7), _time);
        var token = signer.Sign(Claims());
        // Another project's claims with the first token's signature.
        var other = signer.Sign(Claims() with { ProjectId = "project-2" });
        var forged = other[..other.IndexOf('.', StringComparison.Ordinal)] + token[token.IndexOf('.', StringComparison.Ordinal)..];

        Assert.Equal(MediaUrlCheck.BadSignature, signer.Verify(forged, MediaUrlPurpose.Upload, out var claims));
        Assert.Null(claims);
    }

    [Fact]
    public void Verify_TokenOfAnotherInstance_FailsTheSignature()
    {
        var token = new MediaUrlSigner(Secrets(7), _time).Sign(Claims());

        Assert.Equal(MediaUrlCheck.BadSignature, new MediaUrlSigner(Secrets(8), _time).Verify(token, MediaUrlPurpose.Upload, out _));
    }

    [Fact]
    public void Verify_DownloadTokenUsedForUpload_IsWrongPurpose()
    {
        var signer = new MediaUrlSigner(Secrets(7), _time);
        var token = signer.Sign(Claims(MediaUrlPurpose.Download));

        Assert.Equal(MediaUrlCheck.WrongPurpose, signer.Verify(token, MediaUrlPurpose.Upload, out _));
        Assert.Equal(MediaUrlCheck.Valid, signer.Verify(token, MediaUrlPurpose.Download, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot-at-all")]
    [InlineData(".signature-only")]
    [InlineData("payload.not*base64")]
    public void Verify_Garbage_IsMalformedOrBadSignature(string token)
    {
        var check = new MediaUrlSigner(Secrets(7), _time).Verify(token, MediaUrlPurpose.Upload, out var claims);

        Assert.Contains(check, new[] { MediaUrlCheck.Malformed, MediaUrlCheck.BadSignature });
        Assert.Null(claims);
    }
}
