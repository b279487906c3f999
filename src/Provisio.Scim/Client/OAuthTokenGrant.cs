namespace Provisio.Scim.Client;

/// <summary>
/// What one refresh of an authorization-code grant issued: the access token, the refresh token to use next (the new one
/// when the target rotated it, else the one used), the one used, and when it was issued. <c>ToString()</c> shows no token.
/// </summary>
public sealed record OAuthTokenGrant(string AccessToken, string RefreshToken, string PreviousRefreshToken, DateTimeOffset Issued, TimeSpan Lifetime)
{
    /// <summary>Whether the token endpoint returned a new refresh token (the previous one may be dead now).</summary>
    public bool Rotated => !string.Equals(RefreshToken, PreviousRefreshToken, StringComparison.Ordinal);

    public override string ToString() => $"OAuthTokenGrant {{ Issued = {Issued:O}, Lifetime = {Lifetime}, Rotated = {Rotated}, tokens *** }}";
}
