using System.Globalization;
using System.Net;
using Provisio.Scim.Client;
using Provisio.Synchronization.Jobs;

namespace Provisio.Synchronization.Configuration;

/// <summary>
/// Completes an OAuth 2.0 authorization-code grant (RFC 6749 §4.1.3; Graph's <c>acquireAccessToken</c>, the portal's
/// Authorize): the code (<c>Oauth2AuthorizationCode</c>) and the redirect URI it was issued for (<c>Oauth2RedirectUri</c>)
/// go to the token endpoint with the client id and secret, and the PKCE verifier when the authorization request had a
/// challenge. The secrets to save then hold the refresh token, the access token and its creation time, and
/// <c>AuthenticationType</c> <c>OAuth2AuthorizationCode</c>; never the code, which is spent.
/// </summary>
public static class OAuthAuthorization
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>What is missing before a code can be exchanged, in the words of the fix; null when nothing is.</summary>
    public static string? Missing(JobSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var missing = new List<string>();
        if (!IsHttpUrl(secrets[SynchronizationSecret.Oauth2TokenExchangeUri], out _))
        {
            missing.Add("Oauth2TokenExchangeUri (the token endpoint, an absolute http or https URL)");
        }

        if (secrets[SynchronizationSecret.Oauth2ClientId] is null)
        {
            missing.Add("Oauth2ClientId");
        }

        if (secrets[SynchronizationSecret.Oauth2AuthorizationCode] is null)
        {
            missing.Add("Oauth2AuthorizationCode (the code the authorization endpoint returned)");
        }

        if (!IsHttpUrl(secrets[SynchronizationSecret.Oauth2RedirectUri], out _))
        {
            missing.Add("Oauth2RedirectUri (the absolute redirect URI the code was issued for)");
        }

        return missing.Count == 0 ? null : $"To acquire an access token give {string.Join(", ", missing)}.";
    }

    /// <summary>Exchanges the code; the secrets to save, or the token endpoint's refusal.</summary>
    public static async Task<ScimResult<JobSecrets>> ExchangeAsync(JobSecrets secrets, string? codeVerifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (Missing(secrets) is { } missing)
        {
            throw new ArgumentException(missing, nameof(secrets));
        }

        IsHttpUrl(secrets[SynchronizationSecret.Oauth2TokenExchangeUri], out var endpoint);
        IsHttpUrl(secrets[SynchronizationSecret.Oauth2RedirectUri], out var redirect);
        var result = await new OAuthTokenClient(Http).ExchangeCodeAsync(endpoint!, secrets[SynchronizationSecret.Oauth2ClientId]!,
            secrets[SynchronizationSecret.Oauth2ClientSecret], secrets[SynchronizationSecret.Oauth2AuthorizationCode]!, redirect!, codeVerifier,
            ClientCredentialsStyle.Header, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return result.Failure!;
        }

        if (result.Value!.RefreshToken is not { } refreshToken)
        {
            return new ScimFailure(ScimErrorCodes.TokenRequestFailed, false,
                "The token endpoint issued an access token without a refresh token, so provisioning could not renew it before each cycle.",
                "Ask the application for offline access (often a scope such as offline_access) and authorize again, or use OAuth client credentials.")
            { AffectsWholeJob = true };
        }

        return ScimResult<JobSecrets>.Success(secrets.With(
        [
            new(SynchronizationSecret.Oauth2AuthorizationCode, null),
            new(SynchronizationSecret.Oauth2RefreshToken, refreshToken),
            new(SynchronizationSecret.Oauth2AccessToken, result.Value.AccessToken),
            new(SynchronizationSecret.Oauth2AccessTokenCreationTime, result.Value.Issued.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
            new(SynchronizationSecret.AuthenticationType, AuthenticationTypes.OAuth2AuthorizationCode),
        ]));
    }

    private static bool IsHttpUrl(string? text, out Uri? uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
