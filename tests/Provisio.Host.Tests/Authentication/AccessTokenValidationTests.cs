using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Provisio.Api.Authentication;

namespace Provisio.Host.Tests.Authentication;

/// <summary>Every request's token is validated: signature, issuer, audience, lifetime (with 30 s of clock skew), client still registered.</summary>
public sealed class AccessTokenValidationTests : IAsyncLifetime
{
    private ServedAuthentication _served = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _served = await ServedAuthentication.StartAsync();

    public async ValueTask DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task Request_TokenAtTheEndOfItsLifetimePlusSkew_StillAccepted()
    {
        // Arrange
        var token = await _served.TokenAsync(_served.Reader, _served.ReaderSecret);
        _served.Time.Advance(ProvisioAuthenticationOptions.TokenLifetime + ProvisioAuthenticationOptions.ClockSkew - TimeSpan.FromSeconds(1));

        // Act
        using var response = await _served.SendAsync(HttpMethod.Get, "/v1.0/users", token);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Request_ExpiredToken_401InvalidAuthenticationToken()
    {
        // Arrange
        var token = await _served.TokenAsync(_served.Reader, _served.ReaderSecret);
        _served.Time.Advance(ProvisioAuthenticationOptions.TokenLifetime + ProvisioAuthenticationOptions.ClockSkew + TimeSpan.FromSeconds(1));

        // Act
        using var response = await _served.SendAsync(HttpMethod.Get, "/v1.0/users", token);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Single().Scheme.ShouldBe("Bearer");
        var error = await ServedAuthentication.GraphErrorAsync(response);
        error["code"]!.GetValue<string>().ShouldBe("InvalidAuthenticationToken");
        error["message"]!.GetValue<string>().ShouldContain("expired");
    }

    [Fact]
    public async Task Request_TamperedSignature_401()
    {
        // Arrange
        var token = await _served.TokenAsync(_served.Reader, _served.ReaderSecret);
        var parts = token.Split('.');
        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[10] ^= 0x01;
        var tampered = $"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}";

        // Act
        using var response = await _served.SendAsync(HttpMethod.Get, "/v1.0/users", tampered);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ServedAuthentication.GraphErrorAsync(response))["code"]!.GetValue<string>().ShouldBe("InvalidAuthenticationToken");
    }

    [Fact]
    public async Task Request_PayloadChangedToAdministrator_401()
    {
        // Arrange
        var token = await _served.TokenAsync(_served.Reader, _served.ReaderSecret);
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"Reader\"", "\"Administrator\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        // Act
        using var response = await _served.SendAsync(HttpMethod.Post, "/v1.0/users", forged, "{}");

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Request_WrongAudience_401()
    {
        // Arrange
        var issuer = _served.App.Services.GetRequiredService<AccessTokenIssuer>();
        var token = issuer.Issue(_served.Reader.ClientId, ProvisioRoles.Reader, "api://another-service").Value;

        // Act
        using var response = await _served.SendAsync(HttpMethod.Get, "/v1.0/users", token);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Request_RightAudienceFromTheSameIssuer_Accepted()
    {
        // Arrange: the control for the audience test above
        var issuer = _served.App.Services.GetRequiredService<AccessTokenIssuer>();
        var token = issuer.Issue(_served.Reader.ClientId, ProvisioRoles.Reader, "https://graph.microsoft.com").Value;

        // Act
        using var response = await _served.SendAsync(HttpMethod.Get, "/v1.0/users", token);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("another-issuer")]
    [InlineData("provisio")]
    public async Task Request_TokenSignedByAnotherKey_401(string issuer)
    {
        // Arrange: right claims, someone else's key
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = _served.Time.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = "https://graph.microsoft.com",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object> { ["appid"] = _served.Administrator.ClientId, ["roles"] = new[] { "Administrator" } },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(ecdsa), SecurityAlgorithms.EcdsaSha256),
        });

        // Act
        using var response = await _served.SendAsync(HttpMethod.Get, "/v1.0/users", token);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Request_ClientRemoved_TokenRefusedAtOnce()
    {
        // Arrange
        var token = await _served.TokenAsync(_served.Reader, _served.ReaderSecret);
        await _served.App.Services.GetRequiredService<ApiClientRegistry>().RemoveAsync(_served.Reader.ClientId, Cancellation);

        // Act
        using var response = await _served.SendAsync(HttpMethod.Get, "/v1.0/users", token);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Request_ConfiguredAdminKey_StillAnAdministrator()
    {
        // Act
        using var response = await _served.SendAsync(HttpMethod.Post, "/v1.0/users", ServedAuthentication.AdminKey,
            """{"userPrincipalName":"ana@contoso.com","displayName":"Ana","accountEnabled":true}""");

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData(null, "Bearer")]
    [InlineData("not-the-admin-key", "Bearer error=\"invalid_token\"")]
    public async Task Request_NoOrUnknownBearer_401WithBearerChallenge(string? bearer, string challenge)
    {
        // Act
        using var response = await _served.SendAsync(HttpMethod.Get, "/v1.0/users", bearer);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldBe(challenge);
        (await ServedAuthentication.GraphErrorAsync(response))["code"]!.GetValue<string>().ShouldBe("InvalidAuthenticationToken");
    }
}
