namespace Provisio.Synchronization.Configuration;

/// <summary>
/// The values of the <c>AuthenticationType</c> secret: which of the saved credentials the job presents. Without it the
/// most specific saved one wins (an authorization-code grant, then client credentials, then the secret token).
/// </summary>
public static class AuthenticationTypes
{
    /// <summary>The long-lived bearer token (<c>SecretToken</c>).</summary>
    public const string SecretToken = "SecretToken";

    /// <summary>OAuth 2.0 client credentials (<c>Oauth2TokenExchangeUri</c>, <c>Oauth2ClientId</c>, <c>Oauth2ClientSecret</c>).</summary>
    public const string OAuth2ClientCredentials = "OAuth2ClientCredentials";

    /// <summary>OAuth 2.0 authorization code: the refresh token an Authorize saved (<c>Oauth2RefreshToken</c>, the token endpoint, the client id).</summary>
    public const string OAuth2AuthorizationCode = "OAuth2AuthorizationCode";

    public static IReadOnlyList<string> All { get; } = [SecretToken, OAuth2ClientCredentials, OAuth2AuthorizationCode];

    /// <summary>The canonical spelling of <paramref name="value"/> (any case), or null when it is none of <see cref="All"/>.</summary>
    public static string? Canonical(string? value) => All.FirstOrDefault(type => string.Equals(type, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}
