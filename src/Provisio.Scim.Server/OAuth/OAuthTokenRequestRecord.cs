namespace Provisio.Scim.Server.OAuth;

/// <summary>
/// One request the token endpoint answered: its <c>grant_type</c> as sent, and the RFC 6749 §5.2 error when it was
/// refused (null when a token was issued). Never a token, a code or a secret.
/// </summary>
public sealed record OAuthTokenRequestRecord(DateTimeOffset Time, string GrantType, string? Error)
{
    public bool Granted => Error is null;
}
