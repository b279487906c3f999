using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using Provisio.Scim.Server;

namespace Provisio.Host.Tests.Synchronization;

/// <summary>
/// Graph's <c>POST /servicePrincipals/{id}/synchronization/acquireAccessToken</c> against <c>provisio serve</c> and the
/// reference server's OAuth mode: a code the application issued is exchanged (with Provisio's <c>codeVerifier</c>), the
/// job then provisions with the grant, and no response ever carries a token or the client secret.
/// </summary>
public sealed class AcquireAccessTokenApiTests : IAsyncLifetime
{
    private const string RedirectUri = "https://provisio.contoso.test/oauth2/callback";
    private static readonly ScimOAuthOptions Client = new() { ClientId = "graph-client", ClientSecret = "graph-client-s3cret" };

    private ServedSynchronization _served = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _served = await ServedSynchronization.StartAsync(oauth: Client);

    public async ValueTask DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task AcquireAccessToken_ACodeWithItsVerifier_SavesTheGrant_AndTheJobProvisionsWithIt()
    {
        // Arrange: the job knows the token endpoint and the client; its secret token is wrong
        var sp = await _served.InstantiateAsync();
        var jobId = await _served.CreateJobAsync(sp);
        var secrets = $"/v1.0/servicePrincipals/{sp}/synchronization/secrets";
        (await _served.SendAsync(HttpMethod.Put, secrets, new JsonObject
        {
            ["value"] = new JsonArray(
                Pair("BaseAddress", _served.Target.ScimAddress.ToString()), Pair("SecretToken", "wrong-token"), Pair("SyncAll", "true"),
                Pair("Oauth2TokenExchangeUri", _served.Target.TokenEndpoint.ToString()), Pair("Oauth2ClientId", Client.ClientId), Pair("Oauth2ClientSecret", Client.ClientSecret)),
        }.ToJsonString())).Status.ShouldBe(HttpStatusCode.NoContent);
        await _served.CreateUserAsync("ann@contoso.com", "Ann");
        var (code, verifier) = await ConsentAsync();

        // Act
        var missing = await _served.SendAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{sp}/synchronization/acquireAccessToken",
            """{"credentials":[{"key":"Oauth2AuthorizationCode","value":"x"}]}""");
        var wrongVerifier = await _served.SendAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{sp}/synchronization/acquireAccessToken",
            Body(code, Verifier()));
        var (secondCode, secondVerifier) = await ConsentAsync();
        var acquired = await _served.SendAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{sp}/synchronization/acquireAccessToken", Body(secondCode, secondVerifier));
        var saved = (await _served.GetAsync(secrets)).Json!["value"]!.AsArray();
        var cycle = await _served.SendAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/provisio.runCycle");

        // Assert
        wrongVerifier.Status.ShouldBe(HttpStatusCode.BadRequest);
        wrongVerifier.Error["code"]!.GetValue<string>().ShouldBe("SystemForCrossDomainIdentityManagementReauthorizationRequired");
        wrongVerifier.Error["message"]!.GetValue<string>().ShouldContain("invalid_grant");
        acquired.Status.ShouldBe(HttpStatusCode.NoContent, acquired.Text);
        Value(saved, "Oauth2RefreshToken").ShouldBe("********");
        Value(saved, "Oauth2AccessToken").ShouldBe("********");
        Value(saved, "AuthenticationType").ShouldBe("OAuth2AuthorizationCode");
        Value(saved, "Oauth2AuthorizationCode").ShouldBeNull();
        cycle.Status.ShouldBe(HttpStatusCode.OK, cycle.Text);
        (await _served.TargetUsersAsync()).Select(user => user!["userName"]!.GetValue<string>()).ShouldBe(["ann@contoso.com"]);
        _served.Target.TokenRequests.Select(request => (request.GrantType, request.Granted))
            .ShouldBe([("authorization_code", false), ("authorization_code", true), ("refresh_token", true)]);
        missing.Status.ShouldBe(HttpStatusCode.BadRequest);
        missing.Error["message"]!.GetValue<string>().ShouldContain("Oauth2RedirectUri");
        _served.Responses.ShouldAllBe(response => !response.Contains(Client.ClientSecret, StringComparison.Ordinal) && !response.Contains(code, StringComparison.Ordinal));
    }

    private static string Body(string code, string verifier) => new JsonObject
    {
        ["credentials"] = new JsonArray(Pair("Oauth2AuthorizationCode", code), Pair("Oauth2RedirectUri", RedirectUri)),
        ["codeVerifier"] = verifier,
    }.ToJsonString();

    /// <summary>The application's consent page answered Allow, as a browser would post it: the code and the verifier of its challenge.</summary>
    private async Task<(string Code, string Verifier)> ConsentAsync()
    {
        var verifier = Verifier();
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var allowed = await browser.PostAsync(_served.Target.AuthorizationEndpoint, new FormUrlEncodedContent(
        [
            new("response_type", "code"), new("client_id", Client.ClientId), new("redirect_uri", RedirectUri), new("state", "s"),
            new("code_challenge", challenge), new("code_challenge_method", "S256"), new("decision", "allow"),
        ]), Cancellation);
        allowed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (HttpUtility.ParseQueryString(allowed.Headers.Location!.Query)["code"]!, verifier);
    }

    private static string Verifier() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static JsonObject Pair(string key, string value) => new() { ["key"] = key, ["value"] = value };

    private static string? Value(JsonArray pairs, string key) =>
        pairs.FirstOrDefault(pair => pair!["key"]!.GetValue<string>() == key)?["value"]?.GetValue<string>();
}
