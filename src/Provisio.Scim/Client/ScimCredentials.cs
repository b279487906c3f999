namespace Provisio.Scim.Client;

/// <summary>How the client authenticates (reference B.1.1). <c>ToString()</c> never shows a secret.</summary>
public abstract record ScimCredentials
{
    private protected ScimCredentials()
    {
    }

    public sealed override string ToString() => GetType().Name + " { *** }";
}

/// <summary>A long-lived bearer token sent verbatim after <c>Bearer </c> (Entra's "Secret Token").</summary>
public sealed record BearerTokenCredentials(string Token) : ScimCredentials;

/// <summary>How client credentials reach the token endpoint (Entra's "How credentials are sent").</summary>
public enum ClientCredentialsStyle
{
    /// <summary>HTTP Basic (client_secret_basic).</summary>
    Header,

    /// <summary>Form parameters (client_secret_post).</summary>
    Body,

    Both,
}

/// <summary>OAuth 2.0 client credentials (RFC 6749 §4.4): a token from the token endpoint, cached until it expires.</summary>
public sealed record OAuthClientCredentials(Uri TokenEndpoint, string ClientId, string ClientSecret, string? Scope = null,
    ClientCredentialsStyle Style = ClientCredentialsStyle.Header) : ScimCredentials;

/// <summary>
/// An OAuth 2.0 authorization-code grant already given (RFC 6749 §4.1, §6): the refresh token it returned buys access
/// tokens from the token endpoint; a target that rotates refresh tokens returns a new one each time
/// (<see cref="ScimClientOptions.TokensRefreshed"/> hears of it). The client secret is optional (a public client).
/// </summary>
public sealed record OAuthRefreshTokenCredentials(Uri TokenEndpoint, string ClientId, string? ClientSecret, string RefreshToken, string? Scope = null,
    ClientCredentialsStyle Style = ClientCredentialsStyle.Header) : ScimCredentials;
