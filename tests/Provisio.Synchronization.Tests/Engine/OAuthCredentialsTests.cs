using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using Provisio.Scim.Client;
using Provisio.Scim.Server;
using Provisio.Synchronization.Audit;
using Provisio.Synchronization.Configuration;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Tests.Engine;

/// <summary>
/// Jobs whose target takes OAuth 2.0 (issue 11), against the reference server's authorization server on loopback:
/// an authorization-code grant (acquired as Graph's acquireAccessToken does it, refreshed before each cycle, its
/// rotated refresh token kept), its revocation quarantining the job with "re-authorize", and client credentials.
/// </summary>
public sealed class OAuthCredentialsTests
{
    private const string RedirectUri = "https://portal.contoso.test/oauth2/callback";

    private static readonly ScimOAuthOptions Client = new() { ClientId = "provisio-engine", ClientSecret = "engine-client-s3cret" };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuthorizationCode_EachCycleRefreshesFirst_AndTheRotatedRefreshTokenIsKept()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync(oauth: Client);
        await host.AddUserAsync("ann");
        await host.AddUserAsync("bob");
        await AuthorizeAsync(host);
        var authorized = await SecretsAsync(host);

        // Act
        var first = await host.RunCycleAsync();
        var afterFirst = await SecretsAsync(host);
        await host.AddUserAsync("cyd");
        var second = await host.RunCycleAsync();
        var afterSecond = await SecretsAsync(host);

        // Assert
        first.Result.JobFailure.ShouldBeNull();
        second.Result.JobFailure.ShouldBeNull(); // with the refresh token saved before the first cycle, the rotated-away one, this would be invalid_grant
        host.TargetUser("ann").ShouldNotBeNull();
        host.TargetUser("bob").ShouldNotBeNull();
        host.TargetUser("cyd").ShouldNotBeNull();
        host.Target.TokenRequests.Select(request => request.GrantType).ShouldBe(["authorization_code", "refresh_token", "refresh_token"]);
        host.Target.TokenRequests.ShouldAllBe(request => request.Granted);
        authorized.Credentials().ShouldBeOfType<OAuthRefreshTokenCredentials>();
        authorized.AuthenticationType.ShouldBe(AuthenticationTypes.OAuth2AuthorizationCode);
        authorized[SynchronizationSecret.Oauth2AuthorizationCode].ShouldBeNull("a spent code is never kept");
        afterFirst[SynchronizationSecret.Oauth2RefreshToken].ShouldNotBe(authorized[SynchronizationSecret.Oauth2RefreshToken]);
        afterSecond[SynchronizationSecret.Oauth2RefreshToken].ShouldNotBe(afterFirst[SynchronizationSecret.Oauth2RefreshToken]);
        afterSecond[SynchronizationSecret.Oauth2AccessToken].ShouldNotBe(afterFirst[SynchronizationSecret.Oauth2AccessToken]);
        DateTimeOffset.Parse(afterSecond[SynchronizationSecret.Oauth2AccessTokenCreationTime]!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThanOrEqualTo(DateTimeOffset.Parse(afterFirst[SynchronizationSecret.Oauth2AccessTokenCreationTime]!, System.Globalization.CultureInfo.InvariantCulture));
        var masked = (await host.Engine.GetSecretsAsync(host.ServicePrincipalId, Cancellation)).Value!;
        masked.Single(pair => pair.Key == SynchronizationSecret.Oauth2RefreshToken).Value.ShouldBe(SynchronizationSecretKeyStringValuePair.Mask);
        masked.Single(pair => pair.Key == SynchronizationSecret.Oauth2AccessToken).Value.ShouldBe(SynchronizationSecretKeyStringValuePair.Mask);
    }

    [Fact]
    public async Task AuthorizationCode_Revoked_QuarantinesWithReauthorize_AndAuthorizingAgainThenRestartingHeals()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync(oauth: Client);
        var secrets = (await host.Engine.GetSecretsAsync(host.ServicePrincipalId, Cancellation)).Value!;
        (await host.Engine.PutSecretsAsync(host.ServicePrincipalId,
            [.. secrets, new(SynchronizationSecret.SyncNotificationSettings, """{"Enabled":true,"Recipients":"ops@contoso.com"}""")], Cancellation)).Succeeded.ShouldBeTrue();
        await host.AddUserAsync("ann");
        await AuthorizeAsync(host);
        (await host.Engine.StartAsync(host.ServicePrincipalId, host.JobId, Cancellation)).Succeeded.ShouldBeTrue();
        (await host.RunCycleAsync()).Result.JobFailure.ShouldBeNull();

        // Act
        host.Target.Faults.TryReplace(["oauth-revoked"]).ShouldBeNull();
        await host.AddUserAsync("bob");
        var revoked = await host.RunCycleAsync();
        var quarantined = await host.JobAsync();
        host.Target.Faults.Heal();
        var healedButNotReauthorized = await host.RunCycleAsync();
        await AuthorizeAsync(host);
        (await host.Engine.RestartAsync(host.ServicePrincipalId, host.JobId, new SynchronizationJobRestartCriteria { ResetScope = SynchronizationJobRestartScope.QuarantineState }, Cancellation))
            .Succeeded.ShouldBeTrue();
        var reauthorized = await host.RunCycleAsync();
        var healthy = await host.JobAsync();

        // Assert
        revoked.Result.JobFailure!.Code.ShouldBe(ScimErrorCodes.ReauthorizationRequired);
        host.TargetUser("bob").ShouldNotBeNull("provisioned after re-authorizing");
        var quarantine = quarantined.Job.Status.Quarantine.ShouldNotBeNull();
        quarantine.Reason.ShouldBe(QuarantineReason.EncounteredQuarantineException);
        quarantine.Error!.Code.ShouldBe(ScimErrorCodes.ReauthorizationRequired);
        quarantine.Error.Message!.ShouldContain("invalid_grant");
        quarantine.Error.Message!.ShouldContain("Re-authorize");
        QuarantineRules.RecommendedAction(quarantine).ShouldStartWith("Re-authorize: in the portal open the application's Settings and click Authorize");
        healedButNotReauthorized.Result.JobFailure!.Code.ShouldBe(ScimErrorCodes.ReauthorizationRequired, "a revoked grant stays revoked");
        reauthorized.Result.JobFailure.ShouldBeNull();
        healthy.Job.Status.Quarantine.ShouldBeNull();
        var audits = await host.Store.QueryAuditsAsync(new DirectoryAuditQuery { ActivityDisplayNames = ["Quarantine"], Top = 100 }, Cancellation);
        audits.Audits.ShouldContain(audit => audit.AdditionalDetails.Contains(new KeyValue("RecommendedAction", QuarantineRules.RecommendedAction(quarantine))));
        var settingsAudits = await host.Store.QueryAuditsAsync(new DirectoryAuditQuery { ActivityDisplayNames = ["Update provisioning setting or credentials"], Top = 100 }, Cancellation);
        settingsAudits.Audits.Count(audit => audit.AdditionalDetails.Any(detail => detail.Value?.StartsWith("OAuth authorization granted", StringComparison.Ordinal) == true)).ShouldBe(2);
        settingsAudits.Audits.ShouldAllBe(audit => audit.AdditionalDetails.All(detail => detail.Value == null || !detail.Value.Contains(Client.ClientSecret, StringComparison.Ordinal)));
        var email = (await host.Store.ListEmailsAsync(host.JobId, 10, Cancellation)).Last(email => email.Subject.Contains("quarantine", StringComparison.Ordinal));
        email.TextBody.ShouldContain("What to do: Re-authorize: in the portal open the application's Settings and click Authorize");
    }

    [Fact]
    public async Task ClientCredentials_JobProvisions_WithATokenFromTheTargetsTokenEndpointEachCycle()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync(oauth: Client);
        await host.AddUserAsync("ann");

        // Act
        var first = await host.RunCycleAsync();
        await host.AddUserAsync("bob");
        var second = await host.RunCycleAsync();

        // Assert
        (await SecretsAsync(host)).Credentials().ShouldBeOfType<OAuthClientCredentials>();
        first.Result.JobFailure.ShouldBeNull();
        second.Result.JobFailure.ShouldBeNull();
        host.TargetUser("ann").ShouldNotBeNull();
        host.TargetUser("bob").ShouldNotBeNull();
        host.Target.TokenRequests.Select(request => (request.GrantType, request.Granted)).ShouldBe([("client_credentials", true), ("client_credentials", true)]);
    }

    [Fact]
    public async Task ClientCredentials_WrongSecret_QuarantinesWithCredentialsInvalid()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync(oauth: Client);
        var secrets = (await host.Engine.GetSecretsAsync(host.ServicePrincipalId, Cancellation)).Value!;
        (await host.Engine.PutSecretsAsync(host.ServicePrincipalId, [.. secrets.Where(pair => pair.Key != SynchronizationSecret.Oauth2ClientSecret),
            new(SynchronizationSecret.Oauth2ClientSecret, "not-the-secret")], Cancellation)).Succeeded.ShouldBeTrue();
        await host.AddUserAsync("ann");

        // Act
        var cycle = await host.RunCycleAsync();

        // Assert
        cycle.Result.JobFailure!.Code.ShouldBe(ScimErrorCodes.CredentialsInvalid);
        cycle.Result.JobFailure.Message.ShouldContain("invalid_client");
        (await host.JobAsync()).Job.Status.Quarantine!.Reason.ShouldBe(QuarantineReason.EncounteredQuarantineException);
        host.Target.GetUsers().ShouldBeEmpty();
    }

    [Fact]
    public async Task TestConnection_SavedAuthorization_RefreshesKeepsTheRotatedToken_AndExplainsARevokedOne()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync(oauth: Client);
        await AuthorizeAsync(host);
        var before = await SecretsAsync(host);

        // Act
        var tested = await host.Engine.ValidateCredentialsAsync(host.ServicePrincipalId, host.JobId, null, useSavedCredentials: true, Cancellation);
        var after = await SecretsAsync(host);
        var cycle = await host.RunCycleAsync();
        host.Target.Faults.TryReplace(["oauth-revoked"]).ShouldBeNull();
        var refused = await host.Engine.ValidateCredentialsAsync(host.ServicePrincipalId, host.JobId, null, useSavedCredentials: true, Cancellation);

        // Assert
        tested.Succeeded.ShouldBeTrue(tested.Error?.Message);
        after[SynchronizationSecret.Oauth2RefreshToken].ShouldNotBe(before[SynchronizationSecret.Oauth2RefreshToken]);
        cycle.Result.JobFailure.ShouldBeNull("the cycle used the refresh token Test Connection rotated to");
        refused.Error!.Code.ShouldBe(ScimErrorCodes.ReauthorizationRequired);
        refused.Error.Message.ShouldContain("Re-authorize");
    }

    [Fact]
    public async Task AcquireAccessToken_BadCodeOrMissingRedirect_IsRefusedAndSavesNothing()
    {
        // Arrange
        await using var host = await EngineTestHost.StartAsync(oauth: Client);
        var before = await SecretsAsync(host);

        // Act
        var badCode = await host.Engine.AcquireAccessTokenAsync(host.ServicePrincipalId,
            [new(SynchronizationSecret.Oauth2AuthorizationCode, "made-up"), new(SynchronizationSecret.Oauth2RedirectUri, RedirectUri)], Verifier(), Cancellation);
        var noRedirect = await host.Engine.AcquireAccessTokenAsync(host.ServicePrincipalId,
            [new(SynchronizationSecret.Oauth2AuthorizationCode, "made-up")], Verifier(), Cancellation);
        var after = await SecretsAsync(host);

        // Assert
        badCode.Error!.Code.ShouldBe(ScimErrorCodes.ReauthorizationRequired);
        badCode.Error.Message.ShouldContain("invalid_grant");
        noRedirect.Error!.Code.ShouldBe("InvalidCredentials");
        noRedirect.Error.Message.ShouldContain("Oauth2RedirectUri");
        after.Serialize().ShouldBe(before.Serialize());
        (await SecretsAsync(host)).Credentials().ShouldBeOfType<OAuthClientCredentials>("still the client credentials saved before");
    }

    [Fact]
    public void Credentials_AuthenticationTypeChooses_ElseTheMostSpecificSaved()
    {
        // Arrange
        var all = JobSecrets.From(
        [
            new(SynchronizationSecret.SecretToken, "static"),
            new(SynchronizationSecret.Oauth2TokenExchangeUri, "https://target.test/oauth2/token"),
            new(SynchronizationSecret.Oauth2ClientId, "id"),
            new(SynchronizationSecret.Oauth2ClientSecret, "secret"),
            new(SynchronizationSecret.Oauth2RefreshToken, "rt-value-9c"),
        ]);

        // Act, Assert
        all.Credentials().ShouldBeOfType<OAuthRefreshTokenCredentials>().RefreshToken.ShouldBe("rt-value-9c");
        all.With([new(SynchronizationSecret.AuthenticationType, "oauth2clientcredentials")]).Credentials().ShouldBeOfType<OAuthClientCredentials>();
        all.With([new(SynchronizationSecret.AuthenticationType, "SecretToken")]).Credentials().ShouldBeOfType<BearerTokenCredentials>();
        all.With([new(SynchronizationSecret.Oauth2RefreshToken, null)]).Credentials().ShouldBeOfType<OAuthClientCredentials>();
        var notAuthorized = all.With([new(SynchronizationSecret.Oauth2RefreshToken, null), new(SynchronizationSecret.AuthenticationType, "OAuth2AuthorizationCode"),
            new(SynchronizationSecret.BaseAddress, "https://target.test/scim")]);
        notAuthorized.Credentials().ShouldBeNull();
        notAuthorized.MissingCredentials()!.ShouldContain("click Authorize");
        all.Credentials()!.ToString().ShouldNotContain("rt-value-9c");
    }

    /// <summary>What the portal's Authorize does, by hand: the consent page's Allow, then the code exchanged by the engine with its PKCE verifier.</summary>
    private static async Task AuthorizeAsync(EngineTestHost host)
    {
        var verifier = Verifier();
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var allowed = await browser.PostAsync(host.Target.AuthorizationEndpoint, new FormUrlEncodedContent(
        [
            new("response_type", "code"), new("client_id", Client.ClientId), new("redirect_uri", RedirectUri), new("state", "s"),
            new("code_challenge", challenge), new("code_challenge_method", "S256"), new("decision", "allow"),
        ]), Cancellation);
        allowed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var code = HttpUtility.ParseQueryString(allowed.Headers.Location!.Query)["code"]!;
        var acquired = await host.Engine.AcquireAccessTokenAsync(host.ServicePrincipalId,
            [new(SynchronizationSecret.Oauth2AuthorizationCode, code), new(SynchronizationSecret.Oauth2RedirectUri, RedirectUri)], verifier, Cancellation);
        acquired.Succeeded.ShouldBeTrue(acquired.Error?.Message);
    }

    private static Task<JobSecrets> SecretsAsync(EngineTestHost host) => new JobSecretsStore(host.Store, host.Protector).GetAsync(host.ServicePrincipalId, Cancellation);

    private static string Verifier() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
