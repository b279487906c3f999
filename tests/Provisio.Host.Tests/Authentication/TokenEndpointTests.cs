using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Provisio.Host.Tests.Authentication;

/// <summary><c>POST /oauth2/v2.0/token</c> on the served host: the client credentials grant and OAuth 2.0's errors (RFC 6749 §5).</summary>
public sealed class TokenEndpointTests : IAsyncLifetime
{
    private ServedAuthentication _served = null!;

    public async ValueTask InitializeAsync() => _served = await ServedAuthentication.StartAsync();

    public async ValueTask DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task Token_GoodSecret_ReturnsEntraShapedBearerJwt()
    {
        // Arrange
        var form = ServedAuthentication.ClientCredentials(_served.Reader.ClientId, _served.ReaderSecret);

        // Act
        var (status, body, response) = await _served.RequestTokenAsync(form);

        // Assert
        status.ShouldBe(HttpStatusCode.OK);
        body["token_type"]!.GetValue<string>().ShouldBe("Bearer");
        body["expires_in"]!.GetValue<int>().ShouldBe(3599);
        body["ext_expires_in"]!.GetValue<int>().ShouldBe(3599);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var token = new JsonWebToken(body["access_token"]!.GetValue<string>());
        token.Alg.ShouldBe("ES256");
        token.Kid.ShouldNotBeNullOrEmpty();
        token.Issuer.ShouldBe("provisio");
        token.Audiences.ShouldBe(["https://graph.microsoft.com"]);
        token.Subject.ShouldBe(_served.Reader.ClientId);
        token.GetClaim("appid").Value.ShouldBe(_served.Reader.ClientId);
        token.GetPayloadValue<string[]>("roles").ShouldBe(["Reader"]);
        token.IssuedAt.ShouldBe(_served.Time.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(1));
        token.ValidFrom.ShouldBe(token.IssuedAt);
        (token.ValidTo - token.IssuedAt).ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Token_IssuedToken_OpensTheApi()
    {
        // Arrange
        var token = await _served.TokenAsync(_served.Reader, _served.ReaderSecret);

        // Act
        using var response = await _served.SendAsync(HttpMethod.Get, "/v1.0/users", token);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_WrongSecret_401InvalidClient()
    {
        // Arrange
        var form = ServedAuthentication.ClientCredentials(_served.Reader.ClientId, _served.AdministratorSecret);

        // Act
        var (status, body, _) = await _served.RequestTokenAsync(form);

        // Assert
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body["error"]!.GetValue<string>().ShouldBe("invalid_client");
        body["error_codes"]![0]!.GetValue<int>().ShouldBe(7000215);
        body["error_description"]!.GetValue<string>().ShouldStartWith("AADSTS7000215: ");
        body.ContainsKey("access_token").ShouldBeFalse();
    }

    [Fact]
    public async Task Token_UnknownClient_401InvalidClient()
    {
        // Arrange
        var form = ServedAuthentication.ClientCredentials(Guid.NewGuid().ToString(), _served.ReaderSecret);

        // Act
        var (status, body, _) = await _served.RequestTokenAsync(form);

        // Assert
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body["error"]!.GetValue<string>().ShouldBe("invalid_client");
        body["error_codes"]![0]!.GetValue<int>().ShouldBe(700016);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("authorization_code")]
    public async Task Token_OtherGrantType_400UnsupportedGrantType(string grantType)
    {
        // Arrange
        var form = ServedAuthentication.ClientCredentials(_served.Reader.ClientId, _served.ReaderSecret);
        form["grant_type"] = grantType;

        // Act
        var (status, body, _) = await _served.RequestTokenAsync(form);

        // Assert
        status.ShouldBe(HttpStatusCode.BadRequest);
        body["error"]!.GetValue<string>().ShouldBe("unsupported_grant_type");
    }

    [Fact]
    public async Task Token_NoGrantType_400InvalidRequest()
    {
        // Arrange
        var form = ServedAuthentication.ClientCredentials(_served.Reader.ClientId, _served.ReaderSecret);
        form.Remove("grant_type");

        // Act
        var (status, body, _) = await _served.RequestTokenAsync(form);

        // Assert
        status.ShouldBe(HttpStatusCode.BadRequest);
        body["error"]!.GetValue<string>().ShouldBe("invalid_request");
    }

    [Fact]
    public async Task Token_BasicAuthentication_ReturnsToken()
    {
        // Arrange
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = ServedAuthentication.Scope };

        // Act
        var (status, body, _) = await _served.RequestTokenAsync(form, (_served.Administrator.ClientId, _served.AdministratorSecret));

        // Assert
        status.ShouldBe(HttpStatusCode.OK);
        new JsonWebToken(body["access_token"]!.GetValue<string>()).GetPayloadValue<string[]>("roles").ShouldBe(["Administrator"]);
    }

    [Fact]
    public async Task Token_BasicAuthenticationWrongSecret_401InvalidClientWithBasicChallenge()
    {
        // Arrange
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = ServedAuthentication.Scope };

        // Act
        var (status, body, response) = await _served.RequestTokenAsync(form, (_served.Administrator.ClientId, "pvs_wrong"));

        // Assert
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body["error"]!.GetValue<string>().ShouldBe("invalid_client");
        response.Headers.WwwAuthenticate.Single().Scheme.ShouldBe("Basic");
    }

    [Fact]
    public async Task Token_BasicAndFormSecret_400InvalidRequest()
    {
        // Arrange
        var form = ServedAuthentication.ClientCredentials(_served.Reader.ClientId, _served.ReaderSecret);

        // Act
        var (status, body, _) = await _served.RequestTokenAsync(form, (_served.Reader.ClientId, _served.ReaderSecret));

        // Assert
        status.ShouldBe(HttpStatusCode.BadRequest);
        body["error"]!.GetValue<string>().ShouldBe("invalid_request");
    }

    [Fact]
    public async Task Token_EntraTenantPath_ReturnsToken()
    {
        // Arrange
        var form = ServedAuthentication.ClientCredentials(_served.Reader.ClientId, _served.ReaderSecret);

        // Act
        var (status, body, _) = await _served.RequestTokenAsync(form, path: $"/{Guid.NewGuid()}/oauth2/v2.0/token");

        // Assert
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["token_type"]!.GetValue<string>().ShouldBe("Bearer");
    }

    [Theory]
    [InlineData("https://graph.microsoft.com/User.Read")]
    [InlineData("api://another/.default")]
    public async Task Token_ScopeNotTheAudiencesDefault_400InvalidScope(string scope)
    {
        // Arrange
        var form = ServedAuthentication.ClientCredentials(_served.Reader.ClientId, _served.ReaderSecret);
        form["scope"] = scope;

        // Act
        var (status, body, _) = await _served.RequestTokenAsync(form);

        // Assert
        status.ShouldBe(HttpStatusCode.BadRequest);
        body["error"]!.GetValue<string>().ShouldBe("invalid_scope");
    }

    [Fact]
    public async Task Token_IssuedAndRefused_LoggedByIdWithoutSecretsOrTokens()
    {
        // Arrange
        var token = await _served.TokenAsync(_served.Reader, _served.ReaderSecret);

        // Act
        await _served.RequestTokenAsync(ServedAuthentication.ClientCredentials(_served.Administrator.ClientId, _served.ReaderSecret));

        // Assert
        var records = _served.Logs.GetSnapshot();
        records.ShouldContain(record => record.Id.Id == 4101 && record.Message.Contains(_served.Reader.ClientId, StringComparison.Ordinal));
        records.ShouldContain(record => record.Id.Id == 4102 && record.Message.Contains(_served.Administrator.ClientId, StringComparison.Ordinal));
        records.ShouldNotContain(record => record.Message.Contains(_served.ReaderSecret, StringComparison.Ordinal)
            || record.Message.Contains(token, StringComparison.Ordinal)
            || (record.Exception != null && record.Exception.ToString().Contains(_served.ReaderSecret, StringComparison.Ordinal)));
    }
}
