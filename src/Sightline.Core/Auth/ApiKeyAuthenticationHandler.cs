using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sightline.Api;

namespace Sightline.Auth;

/// <summary>
/// Langfuse's public API authentication: Basic with a key pair, Bearer with a project public key (scores only),
/// or Bearer <c>ADMIN_API_KEY</c>. Failures answer 401 with Langfuse's JSON body.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyAuthenticator authenticator,
    IOptions<AdminApiOptions> adminOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "LangfuseApiKey";
    internal const string NoHeaderMessage = "No authorization header";
    internal const string InvalidHeaderMessage = "Invalid authorization header";
    internal const string InvalidCredentialsMessage = "Invalid credentials. Confirm that you've configured the correct host.";
    internal const string InvalidPublicKeyMessage = "Invalid public key. Confirm that you've configured the correct host.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrWhiteSpace(header))
        {
            return AuthenticateResult.NoResult();
        }

        var ct = Context.RequestAborted;
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryDecodeBasic(header.AsSpan(6).Trim(), out var publicKey, out var secretKey))
            {
                return AuthenticateResult.Fail(InvalidHeaderMessage);
            }

            var key = await authenticator.AuthenticateAsync(publicKey, secretKey, ct);
            if (key is null)
            {
                Logger.RejectedCredentials(publicKey);
                return AuthenticateResult.Fail(InvalidCredentialsMessage);
            }

            var level = key.Scope == ApiKeyScope.Organization ? AccessLevel.Organization : AccessLevel.Project;
            return Success(level, key);
        }

        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header[7..].Trim();
            if (token.Length == 0)
            {
                return AuthenticateResult.Fail(InvalidHeaderMessage);
            }

            var adminKey = adminOptions.Value.AdminApiKey;
            if (!string.IsNullOrEmpty(adminKey) && ConstantTime.EqualStrings(token, adminKey))
            {
                return Success(AccessLevel.Admin, key: null);
            }

            var publicOnly = await authenticator.AuthenticatePublicKeyAsync(token, ct);
            return publicOnly is null
                ? AuthenticateResult.Fail(InvalidPublicKeyMessage)
                : Success(AccessLevel.Scores, publicOnly);
        }

        return AuthenticateResult.Fail(InvalidHeaderMessage);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var message = result.Failure?.Message ?? NoHeaderMessage;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Response.WriteAsJsonAsync(new ApiError(message, "UnauthorizedError"), SightlineJson.Default.ApiError, cancellationToken: Context.RequestAborted);
    }

    // One ticket per cached key: the authenticator hands out the same AuthenticatedKey instance until its cache entry
    // expires or is evicted, so the principal is built once per key and minute instead of on every request (its
    // claims, identity, ticket and properties were a fifth of what a cached prompt fetch allocated). Nothing
    // downstream changes a principal; authorization merges principals into new ones.
    private static readonly ConditionalWeakTable<AuthenticatedKey, AuthenticateResult> KeyPairResults = [];
    private static readonly ConditionalWeakTable<AuthenticatedKey, AuthenticateResult> PublicKeyResults = [];
    private static readonly AuthenticateResult AdminResult = Build(AccessLevel.Admin, key: null);

    private static AuthenticateResult Success(AccessLevel level, AuthenticatedKey? key)
    {
        if (key is null)
        {
            return AdminResult;
        }

        var results = level == AccessLevel.Scores ? PublicKeyResults : KeyPairResults;
        if (!results.TryGetValue(key, out var result))
        {
            result = Build(level, key);
            results.AddOrUpdate(key, result);
        }

        return result;
    }

    private static AuthenticateResult Build(AccessLevel level, AuthenticatedKey? key)
    {
        var claims = new List<Claim> { new(SightlineClaims.AccessLevel, level.ToString()) };
        if (key is not null)
        {
            claims.Add(new Claim(SightlineClaims.KeyId, key.KeyId));
            claims.Add(new Claim(SightlineClaims.PublicKey, key.PublicKey));
            claims.Add(new Claim(SightlineClaims.OrganizationId, key.OrganizationId));
            if (key.ProjectId is not null)
            {
                claims.Add(new Claim(SightlineClaims.ProjectId, key.ProjectId));
            }
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private static bool TryDecodeBasic(ReadOnlySpan<char> encoded, out string publicKey, out string secretKey)
    {
        publicKey = secretKey = string.Empty;
        var buffer = new byte[(encoded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written))
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(buffer, 0, written);
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == decoded.Length - 1)
        {
            return false;
        }

        publicKey = decoded[..colon];
        secretKey = decoded[(colon + 1)..];
        return true;
    }

}
