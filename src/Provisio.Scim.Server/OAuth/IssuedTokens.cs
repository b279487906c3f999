namespace Provisio.Scim.Server.OAuth;

/// <summary>What one successful token request issued.</summary>
internal sealed record IssuedTokens(string AccessToken, string? RefreshToken, TimeSpan Lifetime, string? Scope);
