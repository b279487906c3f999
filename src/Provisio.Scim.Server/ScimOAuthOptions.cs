namespace Provisio.Scim.Server;

/// <summary>
/// The reference server's optional OAuth 2.0 authorization server (RFC 6749 with PKCE, RFC 7636): one registered client,
/// its secret, and how long what it issues lives. With it, the SCIM endpoints accept the access tokens it issued as
/// well as the static token.
/// </summary>
public sealed record ScimOAuthOptions
{
    /// <summary>The one client the server knows (<c>--oauth-client CLIENT_ID:CLIENT_SECRET</c>).</summary>
    public required string ClientId { get; init; }

    /// <summary>The client's secret, presented by HTTP Basic or in the form body. Never logged.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>How long an access token is accepted (<c>--oauth-token-lifetime SECONDS</c>, one hour by default).</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long an authorization code may be exchanged (RFC 6749 §4.1.2 recommends ten minutes at most).</summary>
    public TimeSpan CodeLifetime { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Reads <c>CLIENT_ID:CLIENT_SECRET</c> (split at the first colon, as HTTP Basic is); null and the reason when it is
    /// not of that form.
    /// </summary>
    public static (ScimOAuthOptions? Options, string? Error) Parse(string text, TimeSpan? accessTokenLifetime = null)
    {
        var colon = (text ?? string.Empty).IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text!.Length - 1)
        {
            return (null, "give the client as CLIENT_ID:CLIENT_SECRET, such as provisio-client:s3cret (both non-empty).");
        }

        return (new ScimOAuthOptions
        {
            ClientId = text[..colon],
            ClientSecret = text[(colon + 1)..],
            AccessTokenLifetime = accessTokenLifetime ?? TimeSpan.FromHours(1),
        }, null);
    }

    /// <summary>Every problem with these options, each naming the fix; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ClientId) || ClientId.Contains(':', StringComparison.Ordinal))
        {
            errors.Add("OAuth.ClientId is empty or holds a colon: give a client id such as provisio-client (--oauth-client CLIENT_ID:CLIENT_SECRET).");
        }

        if (string.IsNullOrEmpty(ClientSecret))
        {
            errors.Add("OAuth.ClientSecret is empty: give the client's secret (--oauth-client CLIENT_ID:CLIENT_SECRET).");
        }

        if (AccessTokenLifetime < TimeSpan.FromSeconds(1))
        {
            errors.Add($"OAuth.AccessTokenLifetime is {AccessTokenLifetime}: use one second or more (--oauth-token-lifetime SECONDS).");
        }

        if (CodeLifetime < TimeSpan.FromSeconds(1))
        {
            errors.Add($"OAuth.CodeLifetime is {CodeLifetime}: use one second or more.");
        }

        return errors;
    }

    public override string ToString() => $"ScimOAuthOptions {{ ClientId = {ClientId}, ClientSecret = ***, AccessTokenLifetime = {AccessTokenLifetime} }}";
}
