namespace Provisio.Scim.Client;

/// <summary>A token endpoint's answer (RFC 6749 §5.1): the access token, how long it lives, and a refresh token when one came. <c>ToString()</c> shows no token.</summary>
public sealed record OAuthTokenResponse(string AccessToken, string? RefreshToken, TimeSpan Lifetime, DateTimeOffset Issued)
{
    public override string ToString() => $"OAuthTokenResponse {{ Issued = {Issued:O}, Lifetime = {Lifetime}, RefreshToken = {(RefreshToken is null ? "none" : "***")} }}";
}
