using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sightline.Auth;

namespace Sightline.Media;

/// <summary>
/// Signs and checks the capability tokens in the server's own media transfer URLs
/// (<c>/api/public/media/upload|download/{token}</c>). The SDKs PUT to an upload URL without credentials, as they
/// would to a presigned S3 URL, so the token itself must name everything the request may do and expire.
/// Token: base64url(JSON payload) "." base64url(HMAC-SHA256(payload)), keyed by a key derived from
/// <c>ENCRYPTION_KEY</c>, so every node of a deployment accepts the others' URLs and no other instance does.
/// </summary>
internal sealed class MediaUrlSigner
{
    private static readonly byte[] KeyLabel = Encoding.UTF8.GetBytes("sightline media transfer url v1");
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public MediaUrlSigner(InstanceSecrets secrets, TimeProvider time)
    {
        // A derived key: a leaked token signature says nothing about the encryption key itself.
        _key = HMACSHA256.HashData(secrets.EncryptionKey.Span, KeyLabel);
        _time = time;
    }

    public string Sign(MediaUrlClaims claims)
    {
        var payload = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(claims.Purpose == MediaUrlPurpose.Upload ? "u" : "d");
            writer.WriteStringValue(claims.ProjectId);
            writer.WriteStringValue(claims.MediaId);
            writer.WriteStringValue(claims.ContentType);
            writer.WriteNumberValue(claims.ContentLength);
            writer.WriteStringValue(claims.Sha256Hash);
            writer.WriteNumberValue(claims.ExpiresAt.ToUnixTimeSeconds());
            writer.WriteEndArray();
        }

        var signature = HMACSHA256.HashData(_key, payload.WrittenSpan);
        return Base64Url.EncodeToString(payload.WrittenSpan) + "." + Base64Url.EncodeToString(signature);
    }

    public MediaUrlCheck Verify(string token, MediaUrlPurpose purpose, out MediaUrlClaims? claims)
    {
        claims = null;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || token.Length > 4096)
        {
            return MediaUrlCheck.Malformed;
        }

        byte[] payload;
        byte[] signature;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return MediaUrlCheck.Malformed;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), signature))
        {
            return MediaUrlCheck.BadSignature;
        }

        // Signed by this instance, so well-formed unless the format changed; still parsed defensively.
        if (Parse(payload) is not { } parsed)
        {
            return MediaUrlCheck.Malformed;
        }

        if (parsed.Purpose != purpose)
        {
            return MediaUrlCheck.WrongPurpose;
        }

        if (_time.GetUtcNow() >= parsed.ExpiresAt)
        {
            return MediaUrlCheck.Expired;
        }

        claims = parsed;
        return MediaUrlCheck.Valid;
    }

    private static MediaUrlClaims? Parse(byte[] payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            var a = doc.RootElement;
            if (a.ValueKind != JsonValueKind.Array || a.GetArrayLength() != 7)
            {
                return null;
            }

            var purpose = a[0].GetString() switch
            {
                "u" => MediaUrlPurpose.Upload,
                "d" => MediaUrlPurpose.Download,
                _ => (MediaUrlPurpose?)null,
            };
            return purpose is null
                ? null
                : new MediaUrlClaims(
                    purpose.Value,
                    a[1].GetString()!,
                    a[2].GetString()!,
                    a[3].GetString()!,
                    a[4].GetInt64(),
                    a[5].GetString()!,
                    DateTimeOffset.FromUnixTimeSeconds(a[6].GetInt64()));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    public static string Describe(MediaUrlCheck check, MediaUrlPurpose purpose) => (check, purpose) switch
    {
        (MediaUrlCheck.Expired, MediaUrlPurpose.Upload) => "The upload URL has expired; request a new one with POST /api/public/media.",
        (MediaUrlCheck.Expired, _) => "The download URL has expired; request a new one with GET /api/public/media/{mediaId}.",
        (MediaUrlCheck.BadSignature, _) => "The URL's signature does not match: it was altered, or issued by another Sightline instance.",
        (MediaUrlCheck.WrongPurpose, MediaUrlPurpose.Upload) => "This is a download URL; it cannot be used to upload.",
        (MediaUrlCheck.WrongPurpose, _) => "This is an upload URL; it cannot be used to download.",
        _ => string.Create(CultureInfo.InvariantCulture, $"The URL's token is malformed; use the {(purpose == MediaUrlPurpose.Upload ? "uploadUrl" : "url")} exactly as the API returned it."),
    };
}
