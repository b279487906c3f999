using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using Microsoft.Extensions.Time.Testing;

namespace Provisio.Scim.Server.Tests;

/// <summary>
/// The OAuth mode over real HTTP (RFC 6749, RFC 7636): the consent page and its redirects, the three grants, PKCE,
/// rotation, client authentication, expiry, and the <c>oauth-revoked</c> fault.
/// </summary>
public sealed class OAuthTests
{
    private const string ClientId = "provisio-client";
    private const string ClientSecret = "client-s3cret:with colon";
    private const string RedirectUri = "https://portal.example/oauth2/callback?app=1";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static Task<TestScimServer> StartAsync(TimeProvider? time = null, TimeSpan? lifetime = null) => TestScimServer.StartAsync(new ScimServerOptions
    {
        Token = TestScimServer.Token,
        OAuth = new ScimOAuthOptions { ClientId = ClientId, ClientSecret = ClientSecret, AccessTokenLifetime = lifetime ?? TimeSpan.FromHours(1) },
        TimeProvider = time ?? TimeProvider.System,
    });

    [Fact]
    public async Task AuthorizationCode_ConsentAllowThenExchange_IssuesTokensTheScimEndpointsAccept()
    {
        // Arrange
        await using var target = await StartAsync();
        using var browser = Browser();
        var verifier = Verifier();

        // Act
        var consent = await browser.GetAsync(AuthorizeUrl(target, Challenge(verifier), "xyz-state"), Cancellation);
        var page = await consent.Content.ReadAsStringAsync(Cancellation);
        var redirect = await PostConsentAsync(browser, target, Challenge(verifier), "xyz-state", "allow");
        var query = HttpUtility.ParseQueryString(redirect.Query);
        var (status, tokens) = await TokenAsync(target, [("grant_type", "authorization_code"), ("code", query["code"]!), ("redirect_uri", RedirectUri), ("code_verifier", verifier)]);
        var users = await ScimGetAsync(target, tokens["access_token"]!.GetValue<string>());

        // Assert
        consent.StatusCode.ShouldBe(HttpStatusCode.OK);
        consent.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        page.ShouldContain(ClientId);
        page.ShouldContain(">Allow</button>");
        page.ShouldContain(">Deny</button>");
        redirect.GetLeftPart(UriPartial.Path).ShouldBe("https://portal.example/oauth2/callback");
        query["app"].ShouldBe("1");
        query["state"].ShouldBe("xyz-state");
        status.ShouldBe(200, tokens.ToJsonString());
        tokens["token_type"]!.GetValue<string>().ShouldBe("Bearer");
        tokens["expires_in"]!.GetValue<long>().ShouldBe(3600);
        tokens["refresh_token"]!.GetValue<string>().Length.ShouldBeGreaterThan(20);
        users.ShouldBe(HttpStatusCode.OK);
        target.Server.TokenRequests.Select(request => (request.GrantType, request.Granted)).ShouldBe([("authorization_code", true)]);
    }

    [Fact]
    public async Task AuthorizationCode_UsedTwiceOrWrongVerifierOrOtherRedirect_IsInvalidGrant()
    {
        // Arrange
        await using var target = await StartAsync();
        using var browser = Browser();
        var verifier = Verifier();
        var first = HttpUtility.ParseQueryString((await PostConsentAsync(browser, target, Challenge(verifier), "s", "allow")).Query)["code"]!;
        var second = HttpUtility.ParseQueryString((await PostConsentAsync(browser, target, Challenge(verifier), "s", "allow")).Query)["code"]!;
        var third = HttpUtility.ParseQueryString((await PostConsentAsync(browser, target, Challenge(verifier), "s", "allow")).Query)["code"]!;

        // Act
        var wrongVerifier = await TokenAsync(target, [("grant_type", "authorization_code"), ("code", first), ("redirect_uri", RedirectUri), ("code_verifier", Verifier())]);
        var afterWrongVerifier = await TokenAsync(target, [("grant_type", "authorization_code"), ("code", first), ("redirect_uri", RedirectUri), ("code_verifier", verifier)]);
        var otherRedirect = await TokenAsync(target, [("grant_type", "authorization_code"), ("code", second), ("redirect_uri", "https://evil.example/cb"), ("code_verifier", verifier)]);
        var good = await TokenAsync(target, [("grant_type", "authorization_code"), ("code", third), ("redirect_uri", RedirectUri), ("code_verifier", verifier)]);
        var reused = await TokenAsync(target, [("grant_type", "authorization_code"), ("code", third), ("redirect_uri", RedirectUri), ("code_verifier", verifier)]);
        var noVerifier = await TokenAsync(target, [("grant_type", "authorization_code"), ("code", third), ("redirect_uri", RedirectUri)]);

        // Assert
        ShouldBeError(wrongVerifier, 400, "invalid_grant");
        ShouldBeError(afterWrongVerifier, 400, "invalid_grant"); // a code is spent by any attempt
        ShouldBeError(otherRedirect, 400, "invalid_grant");
        good.Status.ShouldBe(200, good.Body.ToJsonString());
        ShouldBeError(reused, 400, "invalid_grant");
        ShouldBeError(noVerifier, 400, "invalid_request");
    }

    [Fact]
    public async Task AuthorizationCode_CodeOlderThanItsLifetime_IsInvalidGrant()
    {
        // Arrange
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var target = await StartAsync(time);
        using var browser = Browser();
        var verifier = Verifier();
        var code = HttpUtility.ParseQueryString((await PostConsentAsync(browser, target, Challenge(verifier), "s", "allow")).Query)["code"]!;

        // Act
        time.Advance(TimeSpan.FromMinutes(2));
        var late = await TokenAsync(target, [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", RedirectUri), ("code_verifier", verifier)]);

        // Assert
        ShouldBeError(late, 400, "invalid_grant").ShouldContain("expired");
    }

    [Fact]
    public async Task Authorize_Deny_RedirectsWithAccessDeniedAndTheState()
    {
        // Arrange
        await using var target = await StartAsync();
        using var browser = Browser();

        // Act
        var redirect = await PostConsentAsync(browser, target, Challenge(Verifier()), "st@te 1", "deny");

        // Assert
        var query = HttpUtility.ParseQueryString(redirect.Query);
        query["error"].ShouldBe("access_denied");
        query["state"].ShouldBe("st@te 1");
        query["code"].ShouldBeNull();
    }

    [Theory]
    [InlineData("response_type=code&code_challenge_method=S256", "invalid_request")] // PKCE required
    [InlineData("response_type=code&code_challenge=CHALLENGE&code_challenge_method=plain", "invalid_request")]
    [InlineData("response_type=code&code_challenge=CHALLENGE", "invalid_request")] // the default method is plain
    [InlineData("response_type=token&code_challenge=CHALLENGE&code_challenge_method=S256", "unsupported_response_type")]
    [InlineData("code_challenge=CHALLENGE&code_challenge_method=S256", "invalid_request")]
    public async Task Authorize_BadRequestWithAGoodRedirectUri_RedirectsWithTheError(string parameters, string error)
    {
        // Arrange
        await using var target = await StartAsync();
        using var browser = Browser();
        var url = new Uri(target.Server.AuthorizationEndpoint, $"?client_id={ClientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}&state=s&" +
            parameters.Replace("CHALLENGE", Challenge(Verifier()), StringComparison.Ordinal));

        // Act
        using var response = await browser.GetAsync(url, Cancellation);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var query = HttpUtility.ParseQueryString(response.Headers.Location!.Query);
        query["error"].ShouldBe(error);
        query["state"].ShouldBe("s");
        query["error_description"].ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("client_id=someone-else&redirect_uri=https%3A%2F%2Fportal.example%2Fcb", "not registered")]
    [InlineData("redirect_uri=https%3A%2F%2Fportal.example%2Fcb", "no client_id")]
    [InlineData("client_id=provisio-client&redirect_uri=%2Frelative%2Fcb", "not an absolute")]
    [InlineData("client_id=provisio-client", "no redirect_uri")]
    public async Task Authorize_UnknownClientOrBadRedirectUri_ShowsAnErrorPageAndNeverRedirects(string parameters, string reason)
    {
        // Arrange
        await using var target = await StartAsync();
        using var browser = Browser();

        // Act
        using var response = await browser.GetAsync(new Uri(target.Server.AuthorizationEndpoint, $"?response_type=code&code_challenge={Challenge(Verifier())}&code_challenge_method=S256&{parameters}"), Cancellation);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        (await response.Content.ReadAsStringAsync(Cancellation)).ShouldContain(reason);
    }

    [Fact]
    public async Task RefreshToken_Rotates_TheOldOneStopsWorking()
    {
        // Arrange
        await using var target = await StartAsync();
        var tokens = await AuthorizeAsync(target);
        var first = tokens["refresh_token"]!.GetValue<string>();

        // Act
        var refreshed = await TokenAsync(target, [("grant_type", "refresh_token"), ("refresh_token", first)]);
        var again = await TokenAsync(target, [("grant_type", "refresh_token"), ("refresh_token", first)]);
        var next = await TokenAsync(target, [("grant_type", "refresh_token"), ("refresh_token", refreshed.Body["refresh_token"]!.GetValue<string>())]);

        // Assert
        refreshed.Status.ShouldBe(200, refreshed.Body.ToJsonString());
        refreshed.Body["refresh_token"]!.GetValue<string>().ShouldNotBe(first);
        refreshed.Body["access_token"]!.GetValue<string>().ShouldNotBe(tokens["access_token"]!.GetValue<string>());
        ShouldBeError(again, 400, "invalid_grant");
        next.Status.ShouldBe(200);
        (await ScimGetAsync(target, next.Body["access_token"]!.GetValue<string>())).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ClientCredentials_BasicOrBody_IssueAnAccessTokenWithoutARefreshToken()
    {
        // Arrange
        await using var target = await StartAsync();

        // Act
        var basic = await TokenAsync(target, [("grant_type", "client_credentials")], style: "basic");
        var body = await TokenAsync(target, [("grant_type", "client_credentials"), ("scope", "scim")], style: "body");
        var both = await TokenAsync(target, [("grant_type", "client_credentials")], style: "both");
        var wrong = await TokenAsync(target, [("grant_type", "client_credentials")], style: "basic", secret: "wrong");
        var none = await TokenAsync(target, [("grant_type", "client_credentials")], style: "none");
        var password = await TokenAsync(target, [("grant_type", "password"), ("username", "u"), ("password", "p")]);

        // Assert
        basic.Status.ShouldBe(200, basic.Body.ToJsonString());
        basic.Body.ContainsKey("refresh_token").ShouldBeFalse();
        body.Status.ShouldBe(200);
        body.Body["scope"]!.GetValue<string>().ShouldBe("scim");
        both.Status.ShouldBe(200);
        (await ScimGetAsync(target, body.Body["access_token"]!.GetValue<string>())).ShouldBe(HttpStatusCode.OK);
        ShouldBeError(wrong, 401, "invalid_client");
        wrong.Authenticate.ShouldStartWith("Basic");
        ShouldBeError(none, 401, "invalid_client");
        ShouldBeError(password, 400, "unsupported_grant_type");
        target.Server.TokenRequests.Count(request => request.Granted).ShouldBe(3);
    }

    [Fact]
    public async Task TokenEndpoint_JsonBody_IsInvalidRequest()
    {
        // Arrange
        await using var target = await StartAsync();
        using var http = new HttpClient();

        // Act
        using var response = await http.PostAsync(target.Server.TokenEndpoint, new StringContent("""{"grant_type":"client_credentials"}""", Encoding.UTF8, "application/json"), Cancellation);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!["error"]!.GetValue<string>().ShouldBe("invalid_request");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task AccessToken_AfterItsLifetime_Gets401_WhileTheStaticTokenStillWorks()
    {
        // Arrange
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var target = await StartAsync(time, TimeSpan.FromSeconds(120));
        var token = (await TokenAsync(target, [("grant_type", "client_credentials")])).Body["access_token"]!.GetValue<string>();
        var before = await ScimGetAsync(target, token);

        // Act
        time.Advance(TimeSpan.FromSeconds(121));
        var after = await ScimGetAsync(target, token);

        // Assert
        before.ShouldBe(HttpStatusCode.OK);
        after.ShouldBe(HttpStatusCode.Unauthorized);
        (await ScimGetAsync(target, TestScimServer.Token)).ShouldBe(HttpStatusCode.OK);
        (await ScimGetAsync(target, "made-up-token")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OAuthRevoked_RefusesIssuedTokensAndGrants_AndAfterHealingOnlyANewAuthorizationWorks()
    {
        // Arrange
        await using var target = await StartAsync();
        var tokens = await AuthorizeAsync(target);
        var access = tokens["access_token"]!.GetValue<string>();
        var refresh = tokens["refresh_token"]!.GetValue<string>();

        // Act
        await target.SetFaultsAsync("oauth-revoked");
        var revokedAccess = await ScimGetAsync(target, access);
        var revokedRefresh = await TokenAsync(target, [("grant_type", "refresh_token"), ("refresh_token", refresh)]);
        var staticToken = await ScimGetAsync(target, TestScimServer.Token);
        using var browser = Browser();
        var denied = await PostConsentAsync(browser, target, Challenge(Verifier()), "s", "allow");
        await target.SetFaultsAsync();
        var healedRefresh = await TokenAsync(target, [("grant_type", "refresh_token"), ("refresh_token", refresh)]);
        var reauthorized = await AuthorizeAsync(target);

        // Assert
        revokedAccess.ShouldBe(HttpStatusCode.Unauthorized);
        ShouldBeError(revokedRefresh, 400, "invalid_grant");
        staticToken.ShouldBe(HttpStatusCode.OK);
        HttpUtility.ParseQueryString(denied.Query)["error"].ShouldBe("access_denied");
        ShouldBeError(healedRefresh, 400, "invalid_grant"); // a revocation outlives the fault
        (await ScimGetAsync(target, reauthorized["access_token"]!.GetValue<string>())).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WithoutOAuth_TheEndpointsDoNotExist()
    {
        // Arrange
        await using var target = await TestScimServer.StartAsync();
        using var http = new HttpClient();

        // Act
        using var token = await http.PostAsync(target.Server.TokenEndpoint, new FormUrlEncodedContent([new("grant_type", "client_credentials")]), Cancellation);

        // Assert
        token.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public void Options_BadClientOrLifetime_NameTheFix()
    {
        // Arrange, Act
        var (_, noSecret) = ScimOAuthOptions.Parse("client-only");
        var (parsed, _) = ScimOAuthOptions.Parse("id:sec:ret", TimeSpan.FromSeconds(5));
        var errors = new ScimServerOptions { Token = "t", OAuth = new ScimOAuthOptions { ClientId = "", ClientSecret = "s", AccessTokenLifetime = TimeSpan.Zero } }.Validate();

        // Assert
        noSecret.ShouldNotBeNull().ShouldContain("CLIENT_ID:CLIENT_SECRET");
        parsed!.ClientId.ShouldBe("id");
        parsed.ClientSecret.ShouldBe("sec:ret");
        parsed.AccessTokenLifetime.ShouldBe(TimeSpan.FromSeconds(5));
        parsed.ToString().ShouldNotContain("sec:ret");
        errors.ShouldContain(error => error.Contains("ClientId"));
        errors.ShouldContain(error => error.Contains("--oauth-token-lifetime"));
    }

    private static HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false });

    private static string Verifier() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Uri AuthorizeUrl(TestScimServer target, string challenge, string state) => new(target.Server.AuthorizationEndpoint,
        $"?response_type=code&client_id={ClientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}&state={Uri.EscapeDataString(state)}" +
        $"&code_challenge={challenge}&code_challenge_method=S256&scope=scim");

    /// <summary>What the consent page's Allow or Deny button posts; returns where the server redirected to.</summary>
    private static async Task<Uri> PostConsentAsync(HttpClient browser, TestScimServer target, string challenge, string state, string decision)
    {
        using var response = await browser.PostAsync(target.Server.AuthorizationEndpoint, new FormUrlEncodedContent(
        [
            new("response_type", "code"), new("client_id", ClientId), new("redirect_uri", RedirectUri), new("state", state),
            new("code_challenge", challenge), new("code_challenge_method", "S256"), new("decision", decision),
        ]), Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(Cancellation));
        return response.Headers.Location!;
    }

    private static async Task<JsonObject> AuthorizeAsync(TestScimServer target)
    {
        using var browser = Browser();
        var verifier = Verifier();
        var code = HttpUtility.ParseQueryString((await PostConsentAsync(browser, target, Challenge(verifier), "s", "allow")).Query)["code"]!;
        var (status, tokens) = await TokenAsync(target, [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", RedirectUri), ("code_verifier", verifier)]);
        status.ShouldBe(200, tokens.ToJsonString());
        return tokens;
    }

    private static async Task<TokenAnswer> TokenAsync(TestScimServer target, (string Name, string Value)[] form, string style = "basic", string secret = ClientSecret)
    {
        using var http = new HttpClient();
        var pairs = form.Select(pair => new KeyValuePair<string, string>(pair.Name, pair.Value)).ToList();
        if (style is "body" or "both")
        {
            pairs.Add(new("client_id", ClientId));
            pairs.Add(new("client_secret", secret));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, target.Server.TokenEndpoint) { Content = new FormUrlEncodedContent(pairs) };
        if (style is "basic" or "both")
        {
            var basic = $"{Uri.EscapeDataString(ClientId)}:{Uri.EscapeDataString(secret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        }

        using var response = await http.SendAsync(request, Cancellation);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!.AsObject();
        return new TokenAnswer((int)response.StatusCode, body, response.Headers.WwwAuthenticate.ToString());
    }

    private static async Task<HttpStatusCode> ScimGetAsync(TestScimServer target, string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target.Server.ScimAddress, "Users"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, Cancellation);
        return response.StatusCode;
    }

    private static string ShouldBeError(TokenAnswer answer, int status, string error)
    {
        answer.Status.ShouldBe(status, answer.Body.ToJsonString());
        answer.Body["error"]!.GetValue<string>().ShouldBe(error);
        return answer.Body["error_description"]!.GetValue<string>();
    }

    private sealed record TokenAnswer(int Status, JsonObject Body, string Authenticate)
    {
        public void Deconstruct(out int status, out JsonObject body)
        {
            status = Status;
            body = Body;
        }
    }
}
