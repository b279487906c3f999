using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using Microsoft.Extensions.Time.Testing;
using Provisio.Scim.Client;

namespace Provisio.Scim.Server.Tests.Client;

/// <summary>
/// The SCIM client with an authorization-code grant's refresh token against the reference server's OAuth mode, on one
/// fake clock: a token is refreshed once and reused, refreshed again when it nears expiry with the rotated refresh
/// token, and a revoked grant is ReauthorizationRequired.
/// </summary>
public sealed class OAuthRefreshClientTests
{
    private const string RedirectUri = "https://portal.example/oauth2/callback";
    private static readonly ScimOAuthOptions Client = new() { ClientId = "refresh-client", ClientSecret = "refresh-s3cret", AccessTokenLifetime = TimeSpan.FromSeconds(300) };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RefreshToken_RefreshedOnceThenReused_RefreshedNearExpiryWithTheRotatedOne_AndARevokedGrantIsReauthorizationRequired()
    {
        // Arrange
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var target = await TestScimServer.StartAsync(new ScimServerOptions { Token = TestScimServer.Token, OAuth = Client, TimeProvider = time });
        var refreshToken = await AuthorizeAsync(target);
        var grants = new List<OAuthTokenGrant>();
        using var client = new ScimClient(new ScimClientOptions
        {
            TenantUrl = target.Server.ScimAddress,
            Credentials = new OAuthRefreshTokenCredentials(target.Server.TokenEndpoint, Client.ClientId, Client.ClientSecret, refreshToken),
            TokensRefreshed = (grant, _) =>
            {
                grants.Add(grant);
                return Task.CompletedTask;
            },
        }, timeProvider: time);

        // Act
        var first = await client.TestConnectionAsync("userName", Cancellation);
        var second = await client.TestConnectionAsync("userName", Cancellation);
        var afterFirst = target.Server.TokenRequests.Count;
        time.Advance(TimeSpan.FromSeconds(250)); // past the lifetime less the one-minute margin
        var third = await client.TestConnectionAsync("userName", Cancellation);
        target.Server.Faults.TryReplace(["oauth-revoked"]).ShouldBeNull();
        var refusedToken = await client.TestConnectionAsync("userName", Cancellation);
        var refusedRefresh = await client.TestConnectionAsync("userName", Cancellation);

        // Assert
        first.Succeeded.ShouldBeTrue(first.Failure?.ToString());
        second.Succeeded.ShouldBeTrue();
        afterFirst.ShouldBe(2, "the code exchange and one refresh: the second request reused the token");
        third.Succeeded.ShouldBeTrue(third.Failure?.ToString());
        grants.Count.ShouldBe(2);
        grants[0].PreviousRefreshToken.ShouldBe(refreshToken);
        grants[0].Rotated.ShouldBeTrue();
        grants[1].PreviousRefreshToken.ShouldBe(grants[0].RefreshToken, "the second refresh used the rotated token");
        grants[1].ToString().ShouldNotContain(grants[1].RefreshToken);
        refusedToken.Failure!.Code.ShouldBe(ScimErrorCodes.CredentialsInvalid);
        refusedRefresh.Failure!.Code.ShouldBe(ScimErrorCodes.ReauthorizationRequired);
        refusedRefresh.Failure.AffectsWholeJob.ShouldBeTrue();
        refusedRefresh.Failure.Message.ShouldContain("invalid_grant");
        refusedRefresh.Failure.RecommendedAction.ShouldStartWith("Re-authorize");
        target.Server.TokenRequests.Select(request => (request.GrantType, request.Granted))
            .ShouldBe([("authorization_code", true), ("refresh_token", true), ("refresh_token", true), ("refresh_token", false)]);
    }

    [Fact]
    public async Task RefreshAccessToken_FetchesANewTokenEvenWhenOneIsCached_AndDoesNothingForASecretToken()
    {
        // Arrange
        await using var target = await TestScimServer.StartAsync(new ScimServerOptions { Token = TestScimServer.Token, OAuth = Client });
        using var oauth = new ScimClient(new ScimClientOptions
        {
            TenantUrl = target.Server.ScimAddress,
            Credentials = new OAuthClientCredentials(target.Server.TokenEndpoint, Client.ClientId, Client.ClientSecret),
        });
        using var bearer = new ScimClient(new ScimClientOptions { TenantUrl = target.Server.ScimAddress, Credentials = new BearerTokenCredentials(TestScimServer.Token) });

        // Act
        var refreshed = await oauth.RefreshAccessTokenAsync(Cancellation);
        var again = await oauth.RefreshAccessTokenAsync(Cancellation);
        var none = await bearer.RefreshAccessTokenAsync(Cancellation);

        // Assert
        refreshed.ShouldBeNull();
        again.ShouldBeNull();
        none.ShouldBeNull();
        target.Server.TokenRequests.Count.ShouldBe(2);
    }

    private static async Task<string> AuthorizeAsync(TestScimServer target)
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var allowed = await browser.PostAsync(target.Server.AuthorizationEndpoint, new FormUrlEncodedContent(
        [
            new("response_type", "code"), new("client_id", Client.ClientId), new("redirect_uri", RedirectUri), new("state", "s"),
            new("code_challenge", challenge), new("code_challenge_method", "S256"), new("decision", "allow"),
        ]), Cancellation);
        allowed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var code = HttpUtility.ParseQueryString(allowed.Headers.Location!.Query)["code"]!;
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Server.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", RedirectUri), new("code_verifier", verifier)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Client.ClientId}:{Client.ClientSecret}")));
        using var response = await browser.SendAsync(request, Cancellation);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body["refresh_token"]!.GetValue<string>();
    }
}
