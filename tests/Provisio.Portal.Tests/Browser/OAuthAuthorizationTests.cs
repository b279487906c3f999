using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Provisio.Api.Authentication;
using Provisio.Scim.Client;
using Provisio.Scim.Server;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Storage;

namespace Provisio.Portal.Tests.Browser;

/// <summary>
/// Issue 11 in the browser: Settings → OAuth 2.0 authorization code → Authorize → the application's consent page (the
/// reference server's) → Allow → back in Settings, authorized → the job provisions; then the grant is revoked, the
/// quarantine says to re-authorize, Authorize again, restart, healthy.
/// </summary>
public sealed class OAuthAuthorizationTests(Chromium chromium)
{
    private static readonly ScimOAuthOptions Client = new() { ClientId = "provisio-portal", ClientSecret = "portal-client-s3cret-never-shown" };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Authorize_AllowAtTheApplication_ProvisionsWithTheGrant_ARevokedGrantQuarantinesWithReauthorize_AndAuthorizingAgainHeals()
    {
        // Arrange: a target that takes only its own OAuth tokens (the job's secret token is wrong)
        await using var site = await PortalSite.StartAsync(users: 0);
        var target = await site.StartOAuthTargetAsync(Client);
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Contoso OAuth", target, token: "not-the-target-token-5521");
        foreach (var alias in new[] { "ann", "bob", "cid" })
        {
            await site.AddUserAsync(alias, Cancellation);
        }

        var page = await chromium.NewPageAsync();
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{servicePrincipal:D}/settings");
        var settingsUrl = $"{site.BaseUrl}applications/{servicePrincipal:D}/settings";

        // Act 1: the administrator fills the authorization code grant's fields and clicks Authorize
        (await page.Locator("#authorization-state").InnerTextAsync()).ShouldContain("not authorized");
        (await page.Locator("#authorization-state").InnerTextAsync()).ShouldContain(site.BaseUrl + "oauth2/callback");
        await FillAuthorizationCodeAsync(page, target);
        await page.GetByLabel("OAuth scope").FillAsync("scim.users");
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).ClickAsync();

        // Assert 1: the application's consent page, asked with PKCE, names the client; Allow brings the browser back authorized
        await page.WaitForURLAsync(url => url.StartsWith(target.AuthorizationEndpoint.ToString(), StringComparison.Ordinal));
        page.Url.ShouldContain("code_challenge_method=S256");
        page.Url.ShouldContain("scope=scim.users");
        page.Url.ShouldNotContain(Client.ClientSecret);
        (await page.GetByRole(AriaRole.Heading).First.InnerTextAsync()).ShouldBe($"Authorize {Client.ClientId}");
        await PortalPages.ScreenshotAsync(page, "oauth-consent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(settingsUrl + "?authorization=granted", StringComparison.Ordinal));
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Authorized" }).InnerTextAsync()).ShouldContain("the application issued a refresh token");
        (await page.Locator("#authorization-state").InnerTextAsync()).ShouldStartWith("Authorization: authorized");
        (await page.GetByLabel("Authorization URL").InputValueAsync()).ShouldBe(target.AuthorizationEndpoint.ToString());
        (await page.GetByLabel("OAuth scope").InputValueAsync()).ShouldBe("scim.users");
        (await page.ContentAsync()).ShouldNotContain(Client.ClientSecret);
        await PortalPages.ScreenshotAsync(page, "settings-oauth-authorized");
        var saved = await SecretsAsync(site, servicePrincipal);
        saved[SynchronizationSecret.AuthenticationType].ShouldBe("OAuth2AuthorizationCode");
        saved[SynchronizationSecret.Oauth2RefreshToken].ShouldBe(SynchronizationSecretKeyStringValuePair.Mask);
        saved.ShouldNotContainKey(SynchronizationSecret.Oauth2AuthorizationCode);
        target.TokenRequests.Select(request => (request.GrantType, request.Granted)).ShouldBe([("authorization_code", true)]);
        var audits = await site.Engine.Store.QueryAuditsAsync(new DirectoryAuditQuery { ActivityDisplayNames = ["Update provisioning setting or credentials"], Top = 50 }, Cancellation);
        audits.Audits.ShouldContain(audit => audit.AdditionalDetails.Any(detail => detail.Value != null && detail.Value.StartsWith("OAuth authorization granted", StringComparison.Ordinal))
            && audit.InitiatedBy.User != null && audit.InitiatedBy.User.DisplayName == "Administrator");

        // Test Connection with the saved grant refreshes it and passes
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Connection" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "authorized to enable" }).CountAsync()).ShouldBe(1);

        // Act 2: the job runs
        (await site.Engine.StartAsync(servicePrincipal, jobId, Cancellation)).Succeeded.ShouldBeTrue();
        await WaitForAsync(async () => target.GetUsers().Count == 3 && !site.Engine.IsCycleRunning(jobId)
            && (await site.Engine.Store.GetJobAsync(jobId, Cancellation))!.Job.Status.LastExecution?.State == SynchronizationTaskExecutionResult.Succeeded);

        // Act 3: the application revokes the grant; the next cycle refreshes first and is refused
        target.Faults.TryReplace(["oauth-revoked"]).ShouldBeNull();
        var refused = await site.Engine.RunCycleAsync(jobId, dryRun: false, Cancellation);
        refused.JobFailure!.Code.ShouldBe(ScimErrorCodes.ReauthorizationRequired);
        await page.GotoAsync($"{site.BaseUrl}applications/{servicePrincipal:D}");

        // Assert 3: the quarantine banner says to re-authorize with the Authorize button
        var banner = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "In quarantine" });
        var text = await banner.InnerTextAsync();
        text.ShouldContain("In quarantine: EncounteredQuarantineException");
        text.ShouldContain(ScimErrorCodes.ReauthorizationRequired);
        text.ShouldContain("What to do: Re-authorize: in the portal open the application's Settings and click Authorize");
        await PortalPages.ScreenshotAsync(page, "overview-reauthorize");
        (await banner.GetByRole(AriaRole.Link, new() { Name = "Open the admin credentials in Settings" }).GetAttributeAsync("href"))
            .ShouldBe($"applications/{servicePrincipal:D}/settings", "the banner links to where Authorize is");

        // Act 4: the application takes authorizations again; Authorize from the saved settings, Allow, then restart
        target.Faults.Heal();
        await site.AddUserAsync("dee", Cancellation);
        await page.GotoAsync(settingsUrl);
        (await page.GetByLabel("OAuth 2.0 authorization code grant").IsCheckedAsync()).ShouldBeTrue();
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(target.AuthorizationEndpoint.ToString(), StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(settingsUrl + "?authorization=granted", StringComparison.Ordinal));
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Authorized" }).InnerTextAsync()).ShouldContain("still in quarantine: restart it");
        await page.GotoAsync($"{site.BaseUrl}applications/{servicePrincipal:D}");
        (await page.GetByLabel("Quarantine state").IsCheckedAsync()).ShouldBeTrue();
        await page.GetByRole(AriaRole.Button, new() { Name = "Restart provisioning" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Provisioning restarted" }).InnerTextAsync())
            .ShouldContain("Provisioning restarted", Case.Sensitive, "the restart's redirect is done before the page is reloaded");

        // Assert 4: healthy, and the user added meanwhile is provisioned with the new grant
        await WaitForAsync(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator(".page-head .badge").InnerTextAsync() == "Healthy";
        });
        (await page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "In quarantine" }).CountAsync()).ShouldBe(0);
        target.GetUsers().Count.ShouldBe(4);
        (await page.ContentAsync()).ShouldNotContain(Client.ClientSecret);
    }

    [Fact]
    public async Task Authorize_DenyAtTheApplication_SavesNoGrant_AndTheCompletionWithoutAnAuthorizationInProgressIsRefused()
    {
        // Arrange
        await using var site = await PortalSite.StartAsync(users: 0);
        var target = await site.StartOAuthTargetAsync(Client);
        var (servicePrincipal, _) = await site.AddApplicationAsync("Contoso Deny", target, token: "not-the-target-token-5521");
        var page = await chromium.NewPageAsync();
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{servicePrincipal:D}/settings");

        // Act: authorize, deny
        await FillAuthorizationCodeAsync(page, target);
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(target.AuthorizationEndpoint.ToString(), StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("authorization=failed", StringComparison.Ordinal));

        // Assert: said on Settings, nothing saved; a replayed completion (no state cookie any more) is refused
        (await page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Authorization failed" }).InnerTextAsync()).ShouldContain("access_denied");
        (await SecretsAsync(site, servicePrincipal)).ShouldNotContainKey(SynchronizationSecret.Oauth2RefreshToken);
        var replay = await page.GotoAsync($"{site.BaseUrl}oauth2/callback/complete?code=stolen&state=guessed");
        replay!.Status.ShouldBe(400);
        (await page.ContentAsync()).ShouldContain("No authorization is in progress");
        target.TokenRequests.ShouldBeEmpty("no code was ever exchanged");
    }

    [Fact]
    public async Task AuthorizeStartedByAnAdministrator_CompletedByAReader_IsRefusedServerSide_AndSavesNothing()
    {
        // Arrange: the administrator clicks Authorize and reaches the application's consent page
        await using var site = await PortalSite.StartAsync(users: 0);
        var target = await site.StartOAuthTargetAsync(Client);
        var (servicePrincipal, _) = await site.AddApplicationAsync("Contoso Readers", target, token: "not-the-target-token-5521");
        var (reader, readerSecret) = await site.App.Services.GetRequiredService<ApiClientRegistry>().AddAsync("auditor", ProvisioRoles.Reader, Cancellation);
        var page = await chromium.NewPageAsync();
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{servicePrincipal:D}/settings");
        await FillAuthorizationCodeAsync(page, target);
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(target.AuthorizationEndpoint.ToString(), StringComparison.Ordinal));
        var consent = page.Url;

        // Act: the same browser, now signed in as a reader (the pending authorization's cookie is still there), allows
        await page.Context.ClearCookiesAsync(new() { Name = "provisio.portal" });
        await PortalPages.SignInAsync(page, site.BaseUrl, readerSecret, reader.ClientId);
        await page.GotoAsync(consent);
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("authorization=failed", StringComparison.Ordinal));

        // Assert
        (await page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Authorization failed" }).InnerTextAsync())
            .ShouldContain("Only the administrator who clicked Authorize can complete it");
        (await SecretsAsync(site, servicePrincipal)).ShouldNotContainKey(SynchronizationSecret.Oauth2RefreshToken);
        target.TokenRequests.ShouldBeEmpty("the reader's completion exchanged no code");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).CountAsync()).ShouldBe(0, "a reader is shown no Authorize");
    }

    /// <summary>Settings' authorization code grant, filled in for <paramref name="target"/>'s authorization server.</summary>
    private static async Task FillAuthorizationCodeAsync(IPage page, ScimServer target)
    {
        await page.GetByLabel("OAuth 2.0 authorization code grant").CheckAsync();
        await page.GetByLabel("Authorization URL").FillAsync(target.AuthorizationEndpoint.ToString());
        await page.GetByLabel("Token endpoint").FillAsync(target.TokenEndpoint.ToString());
        await page.GetByLabel("Client id").FillAsync(Client.ClientId);
        await page.GetByLabel("Client secret").FillAsync(Client.ClientSecret);
    }

    private static async Task<Dictionary<SynchronizationSecret, string?>> SecretsAsync(PortalSite site, Guid servicePrincipal) =>
        (await site.Engine.GetSecretsAsync(servicePrincipal, Cancellation)).Value!.ToDictionary(pair => pair.Key, pair => pair.Value);

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(until, "the condition did not hold within 30 s");
            await Task.Delay(200, Cancellation);
        }
    }
}
