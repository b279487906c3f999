using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Provisio.Api.Authentication;

/// <summary>
/// Issues access tokens: JWTs signed ES256 with <see cref="AccessTokenSigningKey"/>, with Entra's app-only claims:
/// <c>iss</c>, <c>aud</c>, <c>sub</c>, <c>appid</c> and <c>azp</c> (the client id), <c>roles</c>, <c>idtyp</c> <c>app</c>,
/// <c>iat</c>/<c>nbf</c>/<c>exp</c> (one hour) and a <c>jti</c>.
/// </summary>
public sealed class AccessTokenIssuer(AccessTokenSigningKey signingKey, IOptions<ProvisioAuthenticationOptions> options, TimeProvider timeProvider)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public AccessToken Issue(string clientId, string role) => Issue(clientId, role, options.Value.Audience);

    /// <summary>A token for <paramref name="audience"/> (tests use it to make tokens the service must refuse).</summary>
    public AccessToken Issue(string clientId, string role, string audience)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(role);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var expires = now + ProvisioAuthenticationOptions.TokenLifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(signingKey.SecurityKey, AccessTokenSigningKey.Algorithm),
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = clientId,
                ["appid"] = clientId,
                [JwtRegisteredClaimNames.Azp] = clientId,
                ["roles"] = new[] { role },
                ["idtyp"] = "app",
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        };
        return new AccessToken(_handler.CreateToken(descriptor), new DateTimeOffset(expires, TimeSpan.Zero));
    }
}
